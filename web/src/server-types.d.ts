// The web client reads the server's TypeBox contracts as types only (pages/outcomes/model.ts).
// lib/schemas.ts names Node's Readable for CSV downloads; the browser never sees one, so it is opaque here.
declare module 'node:stream' {
  export interface Readable {
    readonly __nodeReadable: unique symbol;
  }
}
