package io.natsjms.jms;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Narayana transaction manager of a JVM, configured once: node {@value #NODE}, its log (the object
 * store) in one directory, recovery run on demand ({@link #recover}) rather than periodically. A test JVM
 * keeps its log in a temporary directory of its own ({@link #inThisJvm()}); a child JVM that crashes in the
 * middle of a transaction is given that directory, so that the test JVM recovers what the child left.
 */
final class Narayana {

    /** The node identifier of every Narayana of the tests: the child's branches are the test JVM's to recover. */
    static final String NODE = "natsjms-test";

    private static Path configured;

    private Narayana() {
    }

    /** Configures this JVM's Narayana with a log in a temporary directory (deleted when the JVM exits). */
    static synchronized Path inThisJvm() {
        if (configured == null) {
            try {
                Path dir = Files.createTempDirectory("natsjms-narayana");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                configure(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return configured;
    }

    /** Configures this JVM's Narayana with its log in {@code objectStore}; once per JVM. */
    static synchronized void configure(Path objectStore) {
        if (configured != null) {
            if (!configured.equals(objectStore)) {
                throw new IllegalStateException("Narayana already logs to " + configured + ", not " + objectStore);
            }
            return;
        }
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE);
        } catch (com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException e) {
            throw new IllegalStateException("node identifier " + NODE + ": " + e.getMessage(), e);
        }
        String dir = objectStore.toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(NODE));
        recoveryPropertyManager.getRecoveryEnvironmentBean().setRecoveryBackoffPeriod(1);
        configured = objectStore;
    }

    static TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /**
     * Runs one recovery scan (both passes) with {@code helpers} giving the resources to recover with: prepared
     * branches the log decided are committed, those it has no record of are rolled back.
     */
    static void recover(XAResourceRecoveryHelper... helpers) {
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
        for (XAResourceRecoveryHelper helper : helpers) {
            module.addXAResourceRecoveryHelper(helper);
        }
        try {
            manager.scan();
        } finally {
            for (XAResourceRecoveryHelper helper : helpers) {
                module.removeXAResourceRecoveryHelper(helper);
            }
        }
    }

    /** A recovery helper handing out {@code resources}. */
    static XAResourceRecoveryHelper helper(javax.transaction.xa.XAResource... resources) {
        return new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String parameter) {
                return true;
            }

            @Override
            public javax.transaction.xa.XAResource[] getXAResources() {
                return resources.clone();
            }
        };
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
