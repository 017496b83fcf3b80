package io.natsjms.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1024,1024", "1KB,1024", "1kb,1024", "1K,1024", "10MB,10485760", "10m,10485760",
            "1GB,1073741824", "2TB,2199023255552", "5B,5", " 3KB ,3072", "-1,-1"})
    void parsesSizes(String text, long expected) {
        assertThat(ByteSize.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KB", "1XB", "1.5MB", "abc", "-", "1 K B"})
    void rejectsWhatIsNotASize(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessageContaining("\"" + text + "\"").withMessageContaining("expected:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999999", "9000000TB"})
    void rejectsSizesThatOverflow(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
                .withMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({"0,0 B", "1023,1023 B", "1024,1.00 KB", "1024000000,976.56 MB", "1073741824,1.00 GB"})
    void formatsLikeTheOriginalServer(long bytes, String expected) {
        assertThat(ByteSize.format(bytes)).isEqualTo(expected);
    }
}
