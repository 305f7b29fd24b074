// Webview entry (browser). Placeholder until the results panel issue.
export {};
