/** Saves a blob as a file through the browser's downloads (an extension page may not write files itself). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; give it a moment before freeing the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
