package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The packaged rar holds the adapter, the provider, its STAN client and their libraries, and no API an application server provides. */
class RarContentsIT {

    private static final Path RAR = Path.of("target/natsjms-ra.rar");

    @Test
    void holdsTheProviderWithItsLibrariesAndNoJakartaApis() throws Exception {
        assertThat(RAR).exists();
        List<String> entries;
        try (ZipFile rar = new ZipFile(RAR.toFile())) {
            entries = rar.stream().map(ZipEntry::getName).collect(Collectors.toList());
        }

        assertThat(entries).contains("META-INF/ra.xml", "META-INF/ironjacamar.xml");
        List<String> jars = entries.stream().filter(name -> name.endsWith(".jar")).collect(Collectors.toList());
        assertThat(jars).anyMatch(name -> name.startsWith("natsjms-ra") || name.startsWith("natsjms-resource-adapter"))
                .anyMatch(name -> name.startsWith("natsjms-jms-provider"))
                .anyMatch(name -> name.startsWith("natsjms-stan-client"))
                .anyMatch(name -> name.startsWith("natsjms-protocol"))
                .anyMatch(name -> name.startsWith("jnats"))
                .anyMatch(name -> name.startsWith("protobuf-java"))
                .anyMatch(name -> name.startsWith("artemis-selector"));
        assertThat(jars).noneMatch(name -> name.startsWith("jakarta.") || name.startsWith("javax."))
                .noneMatch(name -> name.startsWith("natsjms-server") || name.startsWith("junit"));
        assertThat(Files.size(RAR)).isLessThan(20L * 1024 * 1024);
    }
}
