/**
 * Output of a filled application: the A4 PDF that looks like the municipality's paper form
 * ({@link jp.madoguchi.forms.render.PdfRenderer}), its PNG preview for the booth's review screen
 * ({@link jp.madoguchi.forms.render.PngPreview}) and the short text receipt for a 58/80 mm receipt
 * printer ({@link jp.madoguchi.forms.render.ReceiptText}).
 *
 * <p>The Japanese fonts ({@link jp.madoguchi.forms.render.JapaneseFonts}) are read once per process and
 * embedded as subsets in every PDF, so a PDF shows the same on a machine with no Japanese fonts.
 * Nothing here writes personal data to logs or to PDF metadata.
 */
package jp.madoguchi.forms.render;
