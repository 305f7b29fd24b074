// The part of libqp (quoted-printable, from the nodemailer project) zsreview uses.
declare module 'libqp' {
  export function decode(input: string): Buffer;
  export function encode(input: Buffer | string): string;
  export function wrap(input: string, lineLength?: number): string;
}
