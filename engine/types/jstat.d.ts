// The part of jstat zsreview uses (the package ships no types; it is CommonJS).
declare module 'jstat' {
  const jstat: {
    jStat: { studentt: { cdf(x: number, dof: number): number } };
  };
  export default jstat;
}
