package jp.madoguchi.forms.model;

import java.util.List;

/**
 * A boxed part of the paper form (e.g. 請求者（窓口に来た方）), with rows of labelled cells.
 *
 * @param title printed at the left or top of the box, in Japanese; may be empty
 * @param rows the rows, top to bottom
 */
public record Section(String title, List<Row> rows) {
    public Section {
        rows = List.copyOf(rows);
    }

    /** One row of cells; their spans share the width of the form. */
    public record Row(List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One labelled box.
     *
     * @param id stable identifier of the field in the filled application (e.g. {@code applicant.name})
     * @param label the printed label, in Japanese as on the paper form
     * @param source where the value comes from
     * @param format how it is written
     * @param span relative width within its row (1..12)
     */
    public record Cell(String id, String label, FieldSource source, Format format, int span) {
    }
}
