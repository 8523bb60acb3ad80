/**
 * The consultancy's report logo: which images we accept and how we recognise them. The type comes
 * from the file's first bytes, never from its name or the type the browser claims, so an SVG (which
 * can carry script) or an executable renamed to .png is refused.
 */
export const LOGO_MAX_BYTES = 200 * 1024;

export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/** PNG, JPEG or WebP by magic bytes; anything else (SVG, GIF, PDF, text…) is null. */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  // RIFF <size:4> WEBP
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "image/webp";
  return null;
}

export function isLogoType(value: string | null | undefined): value is LogoType {
  return (LOGO_TYPES as readonly string[]).includes(value ?? "");
}

/** The logo as a data: URL for the report (the CSP allows data: images), or null without one. */
export function logoDataUrl(bytes: Uint8Array | null | undefined, type: string | null | undefined): string | null {
  if (!bytes || bytes.length === 0 || !isLogoType(type)) return null;
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}
