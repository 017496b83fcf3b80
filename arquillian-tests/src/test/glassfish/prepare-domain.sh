#!/usr/bin/env bash
# Prepares the GlassFish or Payara Server domain of the Arquillian tests (run by the build before the tests):
#  * creates it once, with every port in the 19xxx range (admin 19048, http 19080, https 19081);
#  * points the natsjms-ra resource adapter at the test JVM's streaming server, the offline equivalent of
#    `asadmin create-resource-adapter-config --property serverUrls=...:clusterId=... natsjms-ra`,
#    rewritten on every run so that a changed port or cluster ID takes effect.
# Usage: prepare-domain.sh GLASSFISH_HOME DOMAIN SERVER_URLS CLUSTER_ID
set -euo pipefail

home=$1
domain=$2
server_urls=$3
cluster_id=$4
config="$home/glassfish/domains/$domain/config/domain.xml"

if [ ! -f "$config" ]; then
  "$home/bin/asadmin" --interactive=false create-domain --portbase 19000 --nopassword=true "$domain"
  # --portbase moves the embedded JMS broker to base + 7676 = 26676: keep it in 19xxx as well
  sed -i 's/name="JMS_PROVIDER_PORT" value="26676"/name="JMS_PROVIDER_PORT" value="19076"/' "$config"
fi

sed -i '/<resource-adapter-config resource-adapter-name="natsjms-ra"/,/<\/resource-adapter-config>/d' "$config"
sed -i "0,/<resources>/s##<resources>\n\
    <resource-adapter-config resource-adapter-name=\"natsjms-ra\">\n\
      <property name=\"serverUrls\" value=\"$server_urls\"></property>\n\
      <property name=\"clusterId\" value=\"$cluster_id\"></property>\n\
    </resource-adapter-config>#" "$config"
grep -q "<property name=\"serverUrls\" value=\"$server_urls\">" "$config" \
  || { echo "prepare-domain.sh: could not write the natsjms-ra configuration into $config" >&2; exit 1; }
echo "GlassFish domain $domain: natsjms-ra -> $server_urls (cluster $cluster_id)"
