package jp.madoguchi.forms.render;

/** The paper widths of receipt printers, as the half-width columns a line holds in the standard font. */
public enum ReceiptWidth {
    /** 58 mm paper: 32 half-width (16 full-width) characters; 384 dots printable at 203 dpi. */
    MM58(32, 384),
    /** 80 mm paper: 48 half-width (24 full-width) characters; 576 dots printable at 203 dpi. */
    MM80(48, 576);

    private final int columns;
    private final int dots;

    ReceiptWidth(int columns, int dots) {
        this.columns = columns;
        this.dots = dots;
    }

    /** Printable width in dots of a 203 dpi thermal head: the width of a raster image for this paper. */
    public int dots() {
        return dots;
    }

    /** Half-width columns per line; a full-width character takes two. */
    public int columns() {
        return columns;
    }
}
