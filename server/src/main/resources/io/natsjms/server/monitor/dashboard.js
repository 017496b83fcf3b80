// The natsjms dashboard: polls the monitoring JSON endpoints and shows channels, subscriptions
// (pending and lag), clients and the rates between two polls. No library, no build step.
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  const seconds = Math.max(0.5, Number(params.get("refresh")) || 2);
  let previous = null; // {at, inMsgs, outMsgs, lastSeq: Map}

  function field(name) {
    return document.querySelector('[data-field="' + name + '"]');
  }

  function setText(element, value) {
    if (element && element.textContent !== String(value)) {
      element.textContent = String(value);
    }
  }

  function number(value) {
    return Number(value).toLocaleString("en-US");
  }

  function rate(value) {
    return value.toLocaleString("en-US", {maximumFractionDigits: 1, minimumFractionDigits: 1});
  }

  async function getJson(path) {
    const response = await fetch(path, {cache: "no-store", credentials: "same-origin"});
    if (!response.ok) {
      throw new Error(path + ": " + response.status + " " + (await response.text()).trim());
    }
    return response.json();
  }

  async function health() {
    const response = await fetch("/healthz", {cache: "no-store"});
    const body = await response.json().catch(() => ({status: "unavailable", error: "no answer"}));
    return body;
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function fill(table, rows, columns, emptyText) {
    const body = document.querySelector("#" + table + " tbody");
    const fresh = document.createElement("tbody");
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      tr.className = "empty";
      const td = cell(tr, emptyText);
      td.colSpan = columns;
      fresh.appendChild(tr);
    }
    rows.forEach((row) => fresh.appendChild(row));
    body.replaceWith(fresh);
  }

  function channelRows(channels, dt) {
    return channels.map((channel) => {
      const tr = document.createElement("tr");
      tr.dataset.channel = channel.name;
      cell(tr, channel.name);
      cell(tr, number(channel.msgs), "num").dataset.field = "msgs";
      cell(tr, number(channel.bytes), "num").dataset.field = "bytes";
      cell(tr, number(channel.first_seq), "num");
      cell(tr, number(channel.last_seq), "num").dataset.field = "last_seq";
      cell(tr, number(channel.subs_count), "num");
      let perSecond = "–";
      if (previous && dt > 0 && previous.lastSeq.has(channel.name)) {
        perSecond = rate(Math.max(0, channel.last_seq - previous.lastSeq.get(channel.name)) / dt);
      }
      cell(tr, perSecond, "num").dataset.field = "rate";
      return tr;
    });
  }

  function subscriptionRows(channels) {
    const rows = [];
    channels.forEach((channel) => {
      (channel.subscriptions || []).forEach((sub) => {
        const lag = Math.max(0, channel.last_seq - sub.last_sent);
        const tr = document.createElement("tr");
        tr.dataset.channel = channel.name;
        tr.dataset.client = sub.client_id;
        tr.dataset.durable = sub.durable_name || "";
        tr.dataset.queue = sub.queue_name || "";
        cell(tr, channel.name);
        cell(tr, sub.client_id);
        cell(tr, sub.durable_name || "");
        cell(tr, sub.queue_name || "");
        cell(tr, number(sub.last_sent), "num").dataset.field = "last_sent";
        cell(tr, number(sub.pending_count), sub.pending_count > 0 ? "num warn" : "num").dataset.field = "pending";
        cell(tr, number(lag), lag > 0 ? "num warn" : "num").dataset.field = "lag";
        cell(tr, sub.is_offline ? "offline" : sub.is_stalled ? "stalled" : "online").dataset.field = "state";
        rows.push(tr);
      });
    });
    return rows;
  }

  function clientRows(clients) {
    return clients.map((client) => {
      const tr = document.createElement("tr");
      tr.dataset.client = client.id;
      cell(tr, client.id);
      cell(tr, number(client.subs_count), "num").dataset.field = "subs";
      cell(tr, client.hb_inbox);
      return tr;
    });
  }

  async function refresh() {
    const error = document.getElementById("error");
    try {
      const [server, channelsz, clientsz, status] = await Promise.all([
        getJson("serverz"), getJson("channelsz?subs=1"), getJson("clientsz"), health()]);
      const at = performance.now();
      const dt = previous ? (at - previous.at) / 1000 : 0;
      const channels = channelsz.channels || [];
      setText(document.getElementById("cluster"), server.cluster_id);
      const badge = document.getElementById("health");
      setText(badge, status.status === "ok" ? "ready" : "unavailable: " + (status.error || status.status));
      badge.className = "badge " + (status.status === "ok" ? "ok" : "unavailable");
      setText(field("clients"), number(server.clients));
      setText(field("channels"), number(server.channels));
      setText(field("subscriptions"), number(server.subscriptions));
      setText(field("total_msgs"), number(server.total_msgs));
      setText(field("in_msgs"), number(server.in_msgs));
      setText(field("out_msgs"), number(server.out_msgs));
      setText(field("uptime"), server.uptime);
      if (previous && dt > 0) {
        setText(field("in_rate"), rate(Math.max(0, server.in_msgs - previous.inMsgs) / dt));
        setText(field("out_rate"), rate(Math.max(0, server.out_msgs - previous.outMsgs) / dt));
      }
      fill("channels", channelRows(channels, dt), 7, "no channels");
      fill("subscriptions", subscriptionRows(channels), 8, "no subscriptions");
      fill("clients", clientRows(clientsz.clients || []), 3, "no clients");
      previous = {
        at: at, inMsgs: server.in_msgs, outMsgs: server.out_msgs,
        lastSeq: new Map(channels.map((c) => [c.name, c.last_seq]))
      };
      setText(document.getElementById("updated"), new Date().toLocaleTimeString());
      error.hidden = true;
    } catch (e) {
      error.textContent = "Can't read the server's state: " + e.message;
      error.hidden = false;
    } finally {
      window.setTimeout(refresh, seconds * 1000);
    }
  }

  setText(document.getElementById("refresh"), seconds);
  refresh();
}());
