// The one way a back-office form sends something to the server: a saving flag while the request runs, the
// server's validation issues (details.issues of VALIDATION_FAILED, INVALID_SCHEDULE, …) shown under the fields they
// concern, and every other failure shown once — by default as a message, or wherever the page puts its errors.
//
//   const { saving, submit } = useSubmit(form);
//   <Form form={form} onFinish={(v) => submit(async () => { await api.post(…, v); onDone(); })}>
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { errorMessage, issuesOf, type ApiIssue } from './api.ts';

/** A form field's name as antd takes it: 'title', or a path such as ['party', 'name']. */
export type FieldName = string | number | (string | number)[];

export interface SubmitFailure {
  /** Every issue the server reported (none when the error was not a validation failure). */
  issues: ApiIssue[];
  /** The issues that name no field of the form (all of them when there is no form). */
  unplaced: ApiIssue[];
}

export interface SubmitOptions {
  /** The field an issue's path names, or null when it names none; by default the path split at its dots. */
  fieldOf?: (path: string) => FieldName | null | undefined;
  /** Show a failed submission (the issues already placed on their fields); by default message.error. */
  onError?: (error: unknown, failure: SubmitFailure) => void;
}

export interface Submit {
  /** True while a submission runs: for the OK button's loading state. */
  saving: boolean;
  /** Run `action` (the request and what follows success); resolves to its result, or undefined when it failed. */
  submit: <T>(action: () => Promise<T>) => Promise<T | undefined>;
}

export function useSubmit(form?: FormInstance | null, options: SubmitOptions = {}): Submit {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setSaving(true);
    try {
      return await action();
    } catch (e) {
      const issues = issuesOf(e);
      const unplaced: ApiIssue[] = [];
      const placed: { name: FieldName; errors: string[] }[] = [];
      for (const issue of issues) {
        const name = form ? (options.fieldOf ? options.fieldOf(issue.path) : issue.path.split('.')) : null;
        if (name === null || name === undefined) unplaced.push(issue);
        else placed.push({ name, errors: [issue.message] });
      }
      if (form && placed.length) form.setFields(placed);
      if (options.onError) options.onError(e, { issues, unplaced });
      else message.error(errorMessage(e));
      return undefined;
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
