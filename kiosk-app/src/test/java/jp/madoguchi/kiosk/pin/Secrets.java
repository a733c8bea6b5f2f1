package jp.madoguchi.kiosk.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Reflective looks inside the secret holders: the secret lives only in a char[], and is zeroed. */
final class Secrets {
    private Secrets() {
    }

    /** Every instance field of {@code type}: none may be a String or a CharSequence. */
    static void assertNoStringFields(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            assertNotEquals(String.class, field.getType(), type.getSimpleName() + "." + field.getName());
            assertEquals(false, CharSequence.class.isAssignableFrom(field.getType()),
                    type.getSimpleName() + "." + field.getName() + " could hold the secret as text");
        }
    }

    /** The char[] instance fields of {@code holder}. */
    static List<char[]> charArrays(Object holder) {
        List<char[]> arrays = new ArrayList<>();
        for (Field field : holder.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && field.getType() == char[].class) {
                field.setAccessible(true);
                try {
                    arrays.add((char[]) field.get(holder));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return arrays;
    }

    static void assertWiped(char[] array) {
        for (int i = 0; i < array.length; i++) {
            assertEquals('\0', array[i], "char " + i + " not wiped");
        }
    }

    static void assertWiped(Object holder) {
        List<char[]> arrays = charArrays(holder);
        assertNotEquals(0, arrays.size(), holder.getClass().getSimpleName() + " has no char[] to check");
        arrays.forEach(Secrets::assertWiped);
    }

    static void type(SecretEntry entry, String keys) {
        for (char c : keys.toCharArray()) {
            entry.append(c);
        }
    }
}
