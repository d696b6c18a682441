// What awaits the logged-in user in the registry (公示信息): drafts for them to review (002 §30: a second person
// approves) and law or duty changes past their update deadline (002 §25). The side menu shows them as badges and
// the dashboard as a card; pages call reload() after they change either. Loaded again on every navigation.
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useUser } from './auth.tsx';
import { can, mayOpen } from './menu.tsx';
import { useApi } from '../shared/useApi.ts';
import type { LawChange, ReviewItem } from '../shared/registry/types.ts';

export interface TodoValue {
  /** Drafts of others awaiting the user's review (undefined: not a reviewer, or not loaded yet). */
  reviews: number | undefined;
  /** The user's own drafts awaiting someone else. */
  ownDrafts: number | undefined;
  /** The server lists at most REVIEWS_LIMIT drafts: the counts may be higher. */
  reviewsCapped: boolean;
  /** Law/duty changes past their deadline with items still to update (in the user's agency or jurisdiction). */
  overdueLawChanges: number | undefined;
  /** Decision publication: records to redact, overdue, prepared by others to publish, change notices and corrections due. */
  disclosure: DisclosureTodo | undefined;
  reload(): void;
}

/** How many pending drafts GET /registry/reviews lists at most (record.service.ts pendingReviews). */
const REVIEWS_LIMIT = 500;

export interface DisclosureTodo {
  pending: number;
  overdue: number;
  toPublish: number;
  changeNotices: number;
  corrections: number;
}

const TodoContext = createContext<TodoValue | null>(null);

export function TodoProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const { pathname } = useLocation();
  const mayReview = can(user, 'reviewRegistry') && !!user.agencyId;
  const reviews = useApi<{ items: ReviewItem[] }>(mayReview ? '/api/v1/registry/reviews' : null);
  const overdue = useApi<{ items: LawChange[] }>(mayOpen(user, 'registryLawChanges') ? '/api/v1/registry/law-changes' : null, {
    state: 'overdue',
  });
  const disclosure = useApi<DisclosureTodo>(mayOpen(user, 'disclosure') ? '/api/v1/disclosures/todo' : null);
  const { reload: reloadReviews } = reviews;
  const { reload: reloadOverdue } = overdue;
  const { reload: reloadDisclosure } = disclosure;

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reloadReviews();
    reloadOverdue();
    reloadDisclosure();
  }, [pathname, reloadReviews, reloadOverdue, reloadDisclosure]);

  const value = useMemo<TodoValue>(() => {
    const items = reviews.data?.items;
    return {
      reviews: items?.filter((r) => !r.mine).length,
      ownDrafts: items?.filter((r) => r.mine).length,
      reviewsCapped: (items?.length ?? 0) >= REVIEWS_LIMIT,
      overdueLawChanges: overdue.data?.items.length,
      disclosure: disclosure.data,
      reload: () => {
        reloadReviews();
        reloadOverdue();
        reloadDisclosure();
      },
    };
  }, [reviews.data, overdue.data, disclosure.data, reloadReviews, reloadOverdue, reloadDisclosure]);

  return <TodoContext.Provider value={value}>{children}</TodoContext.Provider>;
}

export function useTodo(): TodoValue {
  const v = useContext(TodoContext);
  if (!v) throw new Error('useTodo outside TodoProvider');
  return v;
}
