package jp.madoguchi.forms.model;

/** How a field's value is written on the form. */
public enum Format {
    /** As it is (card characters kept exactly). */
    PLAIN,
    /** A date in 和暦: 令和7年11月23日, 平成元年1月8日. */
    WAREKI,
    /** A date in the Gregorian calendar: 2025年11月23日. */
    GREGORIAN,
    /** ASCII letters, digits and spaces widened to full width (only where the paper form asks). */
    FULLWIDTH,
    /** Yen: 600円 (with thousands separators: 1,200円). */
    YEN,
    /** Sex as printed on Japanese forms: 男 / 女 / 適用不能 from the card's ISO 5218 code. */
    SEX,
    /** A choice answer printed with its paper text; a number as digits. */
    ANSWER
}
