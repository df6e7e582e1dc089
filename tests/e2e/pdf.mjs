// Reads back what Chromium printed to PDF, for tests of printed sheets.
import { inflateSync } from "node:zlib";

/**
 * The text of a PDF as Chromium writes it: content streams are deflated and
 * glyphs are shown by font codes, which each font's ToUnicode CMap maps back
 * to characters. Runs are joined without separators, so a phrase split
 * across fonts (Latin digits beside CJK) still reads as one.
 */
export function pdfText(pdf) {
  const src = pdf.toString("latin1");
  const objects = new Map();
  for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) {
    let dict = m[2];
    let stream = null;
    const at = dict.search(/\bstream\r?\n/);
    if (at >= 0) {
      const head = dict.slice(0, at);
      let start = at + 6;
      if (dict[start] === "\r") start++;
      if (dict[start] === "\n") start++;
      const length = head.match(/\/Length (\d+)(?! \d+ R)/);
      const end = length ? start + Number(length[1]) : dict.lastIndexOf("endstream");
      let bytes = Buffer.from(dict.slice(start, end), "latin1");
      if (/\/FlateDecode/.test(head)) bytes = inflateSync(bytes);
      stream = bytes.toString("latin1");
      dict = head;
    }
    objects.set(m[1], { dict, stream });
  }
  const utf16 = (hex) => {
    let s = "";
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  // Font object → { bytes per code, code → text }
  const cmaps = new Map();
  for (const [id, { dict }] of objects) {
    const ref = dict.match(/\/ToUnicode (\d+) 0 R/);
    const cmap = ref && objects.get(ref[1])?.stream;
    if (!cmap) continue;
    const map = new Map();
    const width = (cmap.match(/begincodespacerange\s*<([0-9A-Fa-f]+)>/)?.[1].length ?? 4) / 2;
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const e of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(e[1], 16), utf16(e[2]));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const e of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
        const [lo, hi] = [parseInt(e[1], 16), parseInt(e[2], 16)];
        if (e[3].startsWith("[")) {
          [...e[3].matchAll(/<([0-9A-Fa-f]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1])));
        } else {
          const first = e[3].slice(1, -1);
          const base = parseInt(first.slice(-4), 16);
          for (let c = lo; c <= hi; c++) map.set(c, utf16(first.slice(0, -4)) + String.fromCharCode(base + c - lo));
        }
      }
    }
    cmaps.set(id, { width, map });
  }
  // Font resource names (/F3 …) → font objects, from every /Font dictionary.
  const fonts = new Map();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const e of f[1].matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) fonts.set(e[1], e[2]);
    }
  }
  let text = "";
  for (const { stream } of objects.values()) {
    if (!stream || !/\bT[Jj]\b/.test(stream)) continue;
    let font = null;
    for (const t of stream.matchAll(/\/([^\s/]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\bET\b/g)) {
      if (t[1]) font = cmaps.get(fonts.get(t[1]));
      else if (t[2] !== undefined && font) {
        const hex = t[2].replace(/\s+/g, "");
        for (let i = 0; i + font.width * 2 <= hex.length; i += font.width * 2) {
          text += font.map.get(parseInt(hex.slice(i, i + font.width * 2), 16)) ?? "";
        }
      } else if (t[0] === "ET") text += "\n";
    }
  }
  return text;
}
