package io.natsjms.ra;

import jakarta.resource.Referenceable;
import java.io.Serializable;
import java.util.Objects;
import javax.naming.Reference;

/**
 * An administered destination of the adapter: a JavaBean with one property, {@code name}, the channel
 * (with options, such as {@code orders?startPosition=first}). The provider takes it by name wherever a
 * Topic or Queue is expected, and activations accept it through {@code destinationLookup}.
 *
 * <p>{@code channel} is a second name of the same property, for Open Liberty: it puts the JNDI name of an
 * {@code @AdministeredObjectDefinition} or {@code @JMSDestinationDefinition} under the key {@code name}, so a
 * property of that name never reaches the object there.
 */
public abstract class AdminDestination implements Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private String name;
    private Reference reference;

    /** The channel name with its options. */
    public String getName() {
        return name;
    }

    /** Sets the channel name with its options. */
    public void setName(String name) {
        this.name = name;
    }

    /** The channel name with its options: the same property as {@link #getName()}. */
    public String getChannel() {
        return name;
    }

    /** Sets the channel name with its options: the same property as {@link #setName(String)}. */
    public void setChannel(String channel) {
        this.name = channel;
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Objects.equals(name, ((AdminDestination) other).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
