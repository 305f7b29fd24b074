// svgcanvas ships no types: the one constructor the panel uses (its methods are CanvasRenderingContext2D's).
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number });
  }
}
