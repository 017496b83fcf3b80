package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void decodesValuesAndKeepsTheFirstOfARepeatedName() throws Exception {
        Query query = Query.parse("channel=a%2Eb+c&limit=5&limit=7&flag");
        assertThat(query.get("channel")).isEqualTo("a.b c");
        assertThat(query.intValue("limit", 0)).isEqualTo(5);
        assertThat(query.get("flag")).isEmpty();
        assertThat(query.get("missing")).isEmpty();
        assertThat(query.intValue("missing", 42)).isEqualTo(42);
    }

    @Test
    void aNonIntegerIsABadRequestNamingParameterAndValue() {
        assertThatThrownBy(() -> Query.parse("offset=1e3").intValue("offset", 0))
                .isInstanceOf(BadRequest.class)
                .hasMessage("offset: \"1e3\" (expected: an integer)");
    }

    @Test
    void pagingFollowsTheOriginal() throws Exception {
        assertThat(Paging.of(Query.parse(null))).isEqualTo(new Paging(0, 1024));
        assertThat(Paging.of(Query.parse("offset=-4&limit=-1"))).isEqualTo(new Paging(0, 1024));
        Paging paging = Paging.of(Query.parse("offset=2&limit=2"));
        assertThat(paging.page(List.of(1, 2, 3, 4, 5))).containsExactly(3, 4);
        assertThat(new Paging(9, 2).page(List.of(1, 2))).isEmpty();
        assertThat(new Paging(1, Integer.MAX_VALUE).page(List.of(1, 2))).containsExactly(2);
    }
}
