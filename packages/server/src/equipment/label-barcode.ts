// The barcode on an item's label: Code 128 (what a handheld scanner reads by default, and it takes
// letters, digits and dashes), drawn by bwip-js as an SVG of bars only (no text: the number is printed
// as the page's own text beside it, so nothing typed reaches the markup unescaped). The scanner types
// the number and Enter into the look-up page. The asset number when the item has one (the service's
// own sticker), else its serial number: the look-up finds either.
import bwipjs from 'bwip-js';

export function labelNumber(item: { serialNumber: string; assetNumber: string | null }): string {
  return item.assetNumber ?? item.serialNumber;
}

/** The barcode as an SVG element that scales to its box (its height follows its width). */
export function labelBarcodeSvg(number: string): string {
  const svg = bwipjs.toSVG({ bcid: 'code128', text: number, scale: 2, height: 14, paddingwidth: 4, paddingheight: 2 });
  return svg.replace('<svg ', '<svg width="100%" focusable="false" aria-hidden="true" ');
}
