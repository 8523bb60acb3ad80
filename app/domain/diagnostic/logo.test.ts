import { describe, expect, it } from "vitest";
import { logoDataUrl, sniffLogoType } from "./logo";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe("sniffLogoType", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", () => {
    expect(sniffLogoType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe("image/png");
    expect(sniffLogoType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe("image/jpeg");
    expect(sniffLogoType(new Uint8Array([...ascii("RIFF"), 4, 0, 0, 0, ...ascii("WEBPVP8 ")]))).toBe("image/webp");
  });

  it("refuses SVG, GIF, text, truncated signatures and other RIFF files", () => {
    expect(sniffLogoType(ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffLogoType(ascii("GIF89a"))).toBeNull();
    expect(sniffLogoType(ascii("just text, named logo.png"))).toBeNull();
    expect(sniffLogoType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(sniffLogoType(new Uint8Array([...ascii("RIFF"), 4, 0, 0, 0, ...ascii("WAVE")]))).toBeNull();
    expect(sniffLogoType(new Uint8Array())).toBeNull();
  });
});

describe("logoDataUrl", () => {
  it("encodes the bytes as base64 under their type", () => {
    expect(logoDataUrl(bytes(0xff, 0xd8, 0xff), "image/jpeg")).toBe("data:image/jpeg;base64,/9j/");
  });

  it("gives nothing for no logo or a type we never store", () => {
    expect(logoDataUrl(null, "image/png")).toBeNull();
    expect(logoDataUrl(bytes(1, 2, 3), "image/svg+xml")).toBeNull();
  });

  it("encodes a large logo in one piece", () => {
    const large = new Uint8Array(150_000).fill(0xab);
    const url = logoDataUrl(large, "image/png")!;
    expect(Buffer.from(url.split(",")[1]!, "base64")).toEqual(Buffer.from(large));
  });
});
