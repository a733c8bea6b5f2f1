package jp.madoguchi.forms.fill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarekiTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // 明治 → 大正
        "1912-07-29, 明治45年7月29日",
        "1912-07-30, 大正元年7月30日",
        // 大正 → 昭和
        "1926-12-24, 大正15年12月24日",
        "1926-12-25, 昭和元年12月25日",
        // 昭和 → 平成
        "1989-01-07, 昭和64年1月7日",
        "1989-01-08, 平成元年1月8日",
        // 平成 → 令和
        "2019-04-30, 平成31年4月30日",
        "2019-05-01, 令和元年5月1日",
    })
    void bothSidesOfEveryEraBoundary(LocalDate date, String expected) {
        assertEquals(expected, Wareki.format(date));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        // The first year of an era is 元年 until its last day; the next calendar year is 2年.
        "1912-12-31, 大正元年12月31日",
        "1913-01-01, 大正2年1月1日",
        "1926-12-31, 昭和元年12月31日",
        "1927-01-01, 昭和2年1月1日",
        "1989-12-31, 平成元年12月31日",
        "1990-01-01, 平成2年1月1日",
        "2019-12-31, 令和元年12月31日",
        "2020-01-01, 令和2年1月1日",
    })
    void firstYearIsGannenUntilItsLastDay(LocalDate date, String expected) {
        assertEquals(expected, Wareki.format(date));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "1904-02-29, 明治37年2月29日",
        "1988-02-29, 昭和63年2月29日",
        "2000-02-29, 平成12年2月29日",
        "2020-02-29, 令和2年2月29日",
        "2024-02-29, 令和6年2月29日",
    })
    void leapDays(LocalDate date, String expected) {
        assertEquals(expected, Wareki.format(date));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "1873-01-01, 明治6年1月1日",
        "1911-12-31, 明治44年12月31日",
        "1925-12-31, 大正14年12月31日",
        "1988-12-31, 昭和63年12月31日",
        "2018-12-31, 平成30年12月31日",
        "2025-11-23, 令和7年11月23日",
        "2025-12-31, 令和7年12月31日",
    })
    void lastAndOtherDaysUseHalfWidthDigitsWithoutPadding(LocalDate date, String expected) {
        assertEquals(expected, Wareki.format(date));
    }

    @Test
    void eraNameAndYearOnEachSideOfTheBoundaries() {
        assertEquals("明治", Wareki.eraName(LocalDate.of(1912, 7, 29)));
        assertEquals(45, Wareki.eraYear(LocalDate.of(1912, 7, 29)));
        assertEquals("大正", Wareki.eraName(LocalDate.of(1912, 7, 30)));
        assertEquals(1, Wareki.eraYear(LocalDate.of(1912, 7, 30)));
        assertEquals("大正", Wareki.eraName(LocalDate.of(1926, 12, 24)));
        assertEquals("昭和", Wareki.eraName(LocalDate.of(1926, 12, 25)));
        assertEquals("昭和", Wareki.eraName(LocalDate.of(1989, 1, 7)));
        assertEquals(64, Wareki.eraYear(LocalDate.of(1989, 1, 7)));
        assertEquals("平成", Wareki.eraName(LocalDate.of(1989, 1, 8)));
        assertEquals(1, Wareki.eraYear(LocalDate.of(1989, 1, 8)));
        assertEquals("平成", Wareki.eraName(LocalDate.of(2019, 4, 30)));
        assertEquals(31, Wareki.eraYear(LocalDate.of(2019, 4, 30)));
        assertEquals("令和", Wareki.eraName(LocalDate.of(2019, 5, 1)));
        assertEquals(1, Wareki.eraYear(LocalDate.of(2019, 5, 1)));
        assertEquals(7, Wareki.eraYear(LocalDate.of(2025, 11, 23)));
    }

    @Test
    void datesBeforeTheGregorianCalendarWasAdoptedAreRefusedWithoutQuotingTheDate() {
        LocalDate lunisolarTimes = LocalDate.of(1872, 12, 31);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Wareki.format(lunisolarTimes));
        assertFalse(refused.getMessage().contains("1872"), "the message must not carry a (birth) date");
        assertThrows(IllegalArgumentException.class, () -> Wareki.eraName(lunisolarTimes));
        assertThrows(IllegalArgumentException.class, () -> Wareki.eraYear(LocalDate.of(1868, 10, 23)));
        assertThrows(IllegalArgumentException.class, () -> Wareki.format(LocalDate.MIN));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2025-11-23, 2025年11月23日",
        "2019-05-01, 2019年5月1日",
        "1989-01-07, 1989年1月7日",
        "2020-02-29, 2020年2月29日",
    })
    void gregorian(LocalDate date, String expected) {
        assertEquals(expected, Wareki.gregorian(date));
    }
}
