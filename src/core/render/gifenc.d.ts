// Types for the parts of gifenc (a pure-JS GIF encoder without its own types) that gan2d uses.
declare module 'gifenc' {
  export type GifPaletteColor = number[];

  export interface GifFrameOptions {
    palette?: GifPaletteColor[];
    /** In manual mode (auto: false): this frame writes the screen descriptor and global palette. */
    first?: boolean;
    /** Milliseconds; stored in GIF's 1/100 s units. */
    delay?: number;
    /** 0 loops forever, -1 plays once. */
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
  }

  export interface GifStream {
    reset(): void;
    writeHeader(): void;
    writeFrame(index: Uint8Array, width: number, height: number, options?: GifFrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
  }

  export interface Gifenc {
    GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): GifStream;
  }

  // Node loads the CommonJS build, whose exports object arrives as the default import;
  // bundlers load the ES build, whose functions are named exports. gif-stream.ts accepts both.
  const gifenc: Gifenc;
  export default gifenc;
  export const GIFEncoder: Gifenc['GIFEncoder'] | undefined;
}
