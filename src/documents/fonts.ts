/**
 * The CJK font for PDFs: Noto Sans SC (SIL OFL 1.1) from the npm package
 * @expo-google-fonts/noto-sans-sc, read from node_modules — no system font and no font file in
 * the repository. pdfkit embeds only the glyphs used (subset), so a notice stays ~10–30 KB.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const PDF_FONT_FAMILY = 'NotoSansSC';

let fontDir: string | undefined;

export function notoSansScDir(): string {
  fontDir ??= dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return fontDir;
}

export function notoSansScFiles(): { normal: string; bold: string } {
  const dir = notoSansScDir();
  return {
    normal: join(dir, '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: join(dir, '700Bold', 'NotoSansSC_700Bold.ttf'),
  };
}

/** Word/WPS font names: 宋体 for body text, 黑体 for headings; Latin text in Times New Roman. */
export const DOCX_FONTS = {
  body: { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  heading: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
} as const;
