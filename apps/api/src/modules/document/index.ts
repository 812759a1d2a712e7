/** Printed forms of a dossier as PDF (domain.md §6): pure rendering, no database, no HTTP. */
export {
  renderApologyLetter,
  renderControlSlip,
  renderReceiptSlip,
  renderRefusalSlip,
  renderStopNotice,
  renderSupplementRequest,
} from './forms.ts';
export { FONT_FILES, FONT_POSTSCRIPT_NAME, loadFont, resolveFontsDir } from './pdf-fonts.ts';
export {
  formatClock,
  formatDateTime,
  formatLongDate,
  formatPlaceAndDate,
  formatShortDate,
} from './pdf-layout.ts';
export type * from './document.types.ts';
