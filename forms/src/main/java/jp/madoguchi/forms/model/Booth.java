package jp.madoguchi.forms.model;

/**
 * The booth's configuration that forms print.
 *
 * @param municipality e.g. 見本市
 * @param location e.g. 見本市役所 北部出張所
 * @param id the booth's identifier, e.g. {@code booth-017}
 */
public record Booth(String municipality, String location, String id) {
}
