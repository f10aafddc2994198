package io.streampatterns.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Members a schema does not name are kept as they came; nothing else is. */
class UnknownFieldsTest {
    private final UnknownFields unknown = new UnknownFields(Set.of("seq", "user_id"));

    @Test
    void keepsEachUnknownMemberWithItsValueAndType() {
        assertThat(unknown.call("{\"seq\":1,\"coupon\":\"C-1\",\"user_id\":\"u\",\"tier\":3,\"tags\":[\"a\",{\"b\":null}]}"))
                .isEqualTo("{\"coupon\":\"C-1\",\"tier\":3,\"tags\":[\"a\",{\"b\":null}]}");
    }

    @Test
    void skipsKnownMembersWhateverTheirValue() {
        assertThat(unknown.call("{\"seq\":{\"nested\":[1,2]},\"coupon\":true}")).isEqualTo("{\"coupon\":true}");
    }

    @Test
    void nullWhenEveryMemberIsKnown() {
        assertThat(unknown.call("{\"seq\":1,\"user_id\":\"u\"}")).isNull();
        assertThat(unknown.call("{}")).isNull();
    }

    @Test
    void namesAreMatchedCaseSensitivelyAsFromJsonMatchesThem() {
        assertThat(unknown.call("{\"Seq\":1}")).isEqualTo("{\"Seq\":1}");
    }

    @Test
    void nullForWhatIsNotAJsonObject() {
        assertThat(unknown.call(null)).isNull();
        assertThat(unknown.call("[1,2]")).isNull();
        assertThat(unknown.call("not json")).isNull();
        assertThat(unknown.call("{\"coupon\":")).isNull();
    }
}
