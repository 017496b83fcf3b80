package io.natsjms.jms.message;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/** Java serialization of ObjectMessage bodies, deserialization guarded by a {@link ClassAllowList}. */
final class ObjectBodies {

    private ObjectBodies() {
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("ObjectMessage body: a "
                    + object.getClass().getName() + " cannot be serialized (expected: a Serializable object graph): " + e);
            failure.initCause(e);
            throw failure;
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes with the thread context class loader, refusing any class the allow-list does not
     * allow.
     *
     * @throws MessageFormatException naming the refused class, or the deserialization failure
     */
    static Serializable deserialize(byte[] data, ClassAllowList allowList) throws MessageFormatException {
        AllowListFilter filter = new AllowListFilter(allowList);
        try (ObjectInputStream in = new ContextClassLoaderInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(filter);
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            String message = filter.refused != null
                    ? "ObjectMessage body: class " + filter.refused + " is not allowed (expected: a class allowed by "
                            + allowList.entries() + ")"
                    : "ObjectMessage body: cannot be deserialized: " + e;
            MessageFormatException failure = new MessageFormatException(message);
            failure.initCause(e);
            throw failure;
        }
    }

    /** Rejects classes outside the allow-list and remembers the first one refused. */
    private static final class AllowListFilter implements ObjectInputFilter {
        private final ClassAllowList allowList;
        private String refused;

        AllowListFilter(ClassAllowList allowList) {
            this.allowList = allowList;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> type = info.serialClass();
            if (type == null) {
                return Status.UNDECIDED;
            }
            if (allowList.allows(type)) {
                return Status.ALLOWED;
            }
            if (refused == null) {
                refused = type.getName();
            }
            return Status.REJECTED;
        }
    }

    /** Resolves classes through the thread context class loader, as application servers need. */
    private static final class ContextClassLoaderInputStream extends ObjectInputStream {
        ContextClassLoaderInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            throw new java.io.InvalidClassException("proxy classes are not allowed in ObjectMessage bodies");
        }
    }
}
