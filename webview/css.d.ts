// esbuild bundles `import './styles.css'` into dist/webview.css; the type checker only needs to know the import exists.
declare module '*.css';
