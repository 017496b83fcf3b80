package io.natsjms.jms;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** What the provider is: Jakarta Messaging 3.1, natsjms, and the JMSX properties it supports. */
final class NatsConnectionMetaData implements ConnectionMetaData {

    static final NatsConnectionMetaData INSTANCE = new NatsConnectionMetaData();

    private static final String PROVIDER_VERSION = versionOrDefault();

    private NatsConnectionMetaData() {
    }

    private static String versionOrDefault() {
        String version = NatsConnectionMetaData.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0";
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "natsjms";
    }

    @Override
    public String getProviderVersion() {
        return PROVIDER_VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return part(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return part(1);
    }

    private static int part(int index) {
        String[] parts = PROVIDER_VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq"));
    }
}
