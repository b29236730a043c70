export interface UploadResult {
  status: number;
  body: unknown;
}

/**
 * POSTs a file as the raw request body. XMLHttpRequest rather than fetch: only it reports upload
 * progress. The file is read by the browser as it is sent, never loaded into memory first.
 */
export function uploadFile(url: string, file: File, onProgress: (sent: number, total: number) => void) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
