// The tool's name and version as reports print them; a test keeps it equal to package.json.
export const TOOL = { name: 'zsreview', version: '0.1.0' } as const;
