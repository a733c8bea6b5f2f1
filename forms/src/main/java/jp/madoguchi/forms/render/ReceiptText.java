package jp.madoguchi.forms.render;

import jp.madoguchi.forms.fill.ValueFormats;
import jp.madoguchi.forms.fill.Wareki;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.Language;

/**
 * The resident's short receipt as plain text for a receipt printer: procedure, reference number,
 * copies, fee, date (和暦 and Gregorian) and booth. In Japanese, because it is the municipality's
 * record of the application, as the paper form is.
 *
 * <p>Every line fits the paper: widths are counted in display columns as the printer counts them
 * (see {@link DisplayWidth}), long values wrap under their own column, and the reference number has
 * a line to itself, centred, so a printer driver can print that line double-size. No name, address
 * or birth date is printed: a receipt is easily lost.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReceiptText {
    /** Half-width columns of the label column ("手数料" and the space after it). */
    private static final int LABEL_COLUMNS = 10;

    /**
     * The receipt, one line per {@code \n}-terminated line, none wider than {@code width}.
     */
    public String render(FilledApplication app, ReceiptWidth width) {
        Objects.requireNonNull(app, "app");
        int columns = Objects.requireNonNull(width, "width").columns();
        List<String> lines = new ArrayList<>();
        lines.add("=".repeat(columns));
        lines.addAll(centred("申請の控え", columns));
        lines.add("=".repeat(columns));
        labelled(lines, "手続き", procedureName(app), columns);
        lines.add("");
        lines.addAll(centred("整理番号", columns));
        lines.addAll(centred(app.context().reference(), columns));
        lines.add("");
        labelled(lines, "通数", app.copies() + "通", columns);
        labelled(lines, "手数料", app.feeTotal() == 0 ? "無料" : ValueFormats.yen(app.feeTotal()), columns);
        labelled(lines, PaperFormPage.act(app.form().paperTitle()) + "日", Wareki.format(app.context().date()), columns);
        labelled(lines, "", "（" + Wareki.gregorian(app.context().date()) + "）", columns);
        labelled(lines, "受付", app.context().booth().location(), columns);
        labelled(lines, "", "（端末 " + app.context().booth().id() + "）", columns);
        lines.add("-".repeat(columns));
        // One sentence per paragraph: a sentence wrapped on its own reads better on a narrow strip.
        if (app.needsClerkCheck()) {
            lines.addAll(DisplayWidth.wrap("※お名前などの文字（外字）を職員が確認してから受け付けます。", columns));
        }
        lines.addAll(DisplayWidth.wrap("このレシートは申請の控えです。", columns));
        lines.addAll(DisplayWidth.wrap("お問い合わせの際は整理番号をお伝えください。", columns));
        lines.add("");

        StringBuilder receipt = new StringBuilder();
        for (String line : lines) {
            receipt.append(line).append('\n');
        }
        return receipt.toString();
    }

    private static String procedureName(FilledApplication app) {
        if (app.form().title() != null && app.form().title().texts().containsKey(Language.JA)) {
            return app.form().title().in(Language.JA);
        }
        return app.form().paperTitle();
    }

    /** {@code label} in a fixed column and {@code value} beside it, wrapped under itself when long. */
    private static void labelled(List<String> lines, String label, String value, int columns) {
        int labelColumns = Math.min(LABEL_COLUMNS, columns / 3);
        String labelText = DisplayWidth.of(label) <= labelColumns ? label : "";
        if (labelText.isEmpty() && !label.isEmpty()) {
            lines.addAll(DisplayWidth.wrap(label, columns)); // a label too long for its column gets a line
        }
        String indent = " ".repeat(labelColumns);
        boolean first = true;
        for (String line : DisplayWidth.wrap(value, columns - labelColumns)) {
            String prefix = first ? labelText + " ".repeat(labelColumns - DisplayWidth.of(labelText)) : indent;
            lines.add(prefix + line);
            first = false;
        }
    }

    private static List<String> centred(String text, int columns) {
        List<String> lines = new ArrayList<>();
        for (String line : DisplayWidth.wrap(text, columns)) {
            int padding = (columns - DisplayWidth.of(line)) / 2;
            lines.add(" ".repeat(padding) + line);
        }
        return lines;
    }
}
