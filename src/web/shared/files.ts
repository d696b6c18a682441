// Files to and from the server with the session cookie: a download (an export, a template) saved under its name,
// and an upload of one file as the raw request body with progress (XMLHttpRequest: fetch reports no upload progress).
// Failures are ApiErrors with the server's Chinese message, as for every other call (shared/api.ts).
import { ApiError, csrfHeaders, failure, submissionKey, withQuery, type Query } from './api.ts';

/** Hand a blob to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 first, then filename). */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

export interface DownloadOptions {
  /** POST for a download that is itself recorded (a case-file export): sent with the CSRF token. */
  method?: 'GET' | 'POST';
  /** 0-100 as the bytes arrive (when the server says how many). */
  onProgress?: (percent: number) => void;
}

/** Fetch a file and save it: under `filename`, else the name the server gives. Returns the name used. */
export async function downloadFile(path: string, query?: Query, filename?: string, o: DownloadOptions = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method: o.method ?? 'GET',
      credentials: 'same-origin',
      ...(o.method === 'POST' ? { headers: csrfHeaders() } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw failure(res.status, await res.text(), res.headers.get('retry-after'), path);
  const name = filename ?? dispositionName(res.headers.get('content-disposition')) ?? path.split('/').pop() ?? 'download';
  saveBlob(await readBody(res, o.onProgress), name);
  return name;
}

/** The response body as a blob, reporting progress against Content-Length when asked. */
async function readBody(res: Response, onProgress?: (percent: number) => void): Promise<Blob> {
  const total = Number(res.headers.get('content-length'));
  if (!onProgress || !res.body || !(total > 0)) return res.blob();
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      onProgress(Math.min(100, Math.round((received / total) * 100)));
    }
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '下载中断：无法连接服务器，请检查网络后重试');
  }
  return new Blob(parts as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
}

export interface UploadOptions {
  query?: Query;
  contentType: string;
  /** 0-100 as the bytes leave the browser. */
  onProgress?: (percent: number) => void;
}

/** A file's identity for its submission's Idempotency-Key (shared/api.ts submissionKey). */
export const fileIdentity = (file: Blob) => {
  const f = file as Partial<File>;
  return `${f.name ?? ''} ${file.size} ${file.type} ${f.lastModified ?? ''}`;
};

/** POST `file` as the raw body (with the CSRF token and an Idempotency-Key) and resolve to the JSON reply. */
export function uploadFile<T>(path: string, file: Blob, o: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const url = withQuery(path, o.query);
    const submission = submissionKey(`POST ${url} ${o.contentType} ${fileIdentity(file)}`);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', o.contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', submission.key);
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) o.onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 400) {
        const error = failure(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after'), path);
        submission.settle(xhr.status, error.code);
        return reject(error);
      }
      submission.settle(xhr.status);
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的内容，请稍后重试'));
      }
    };
    xhr.onerror = () => {
      submission.settle(0);
      reject(new ApiError(0, 'NETWORK_ERROR', '上传中断：无法连接服务器，请检查网络后重试'));
    };
    xhr.send(file);
  });
}
