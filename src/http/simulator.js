// The simulator page (simulator.html): lists the demo groups, sends as the chosen member,
// and follows the rooms over server-sent events.
"use strict";
(() => {
  // User text only ever goes into the page through textContent.
  const $ = (sel) => document.querySelector(sel);
  const groupList = $("#group-list");
  const messagesEl = $("#messages");
  const memberSelect = $("#member-select");
  const input = $("#message-input");
  const sendButton = $("#send-button");
  const errorEl = $("#error");
  const statusEl = $("#status");
  const roomTitle = $("#room-title");
  const roomCount = $("#room-count");

  const loadedAt = Date.now();
  const AVATAR_COLOURS = ["#5b8def", "#e0844a", "#9b6bd6", "#d65b7d", "#3fa6a0", "#c79a2c", "#6c8a3a", "#7a7f8c"];

  /** roomId -> { lines: [], ids: Set, unread: number } */
  const rooms = new Map();
  /** roomId -> wxid of the member we type as there */
  const speakers = new Map();
  let world = null;
  let currentRoom = null;
  let sending = false;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function roomState(roomId) {
    let r = rooms.get(roomId);
    if (!r) {
      r = { lines: [], ids: new Set(), unread: 0 };
      rooms.set(roomId, r);
    }
    return r;
  }

  function colourOf(id) {
    let h = 0;
    for (const ch of id) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return AVATAR_COLOURS[h % AVATAR_COLOURS.length];
  }

  const pad = (n) => String(n).padStart(2, "0");
  function formatTime(at) {
    const d = new Date(at);
    if (Number.isNaN(d.getTime())) return "";
    const now = new Date();
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return d.toDateString() === now.toDateString() ? hm : `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  }

  function showError(text) {
    errorEl.textContent = text;
    errorEl.hidden = false;
  }
  function clearError() {
    errorEl.textContent = "";
    errorEl.hidden = true;
  }

  function setStatus(kind, text) {
    statusEl.className = `status ${kind}`;
    statusEl.textContent = text;
  }

  // ---- Groups -------------------------------------------------------------

  function renderGroups() {
    groupList.replaceChildren();
    for (const g of world.groups) {
      const li = el("li");
      const b = el("button", "group");
      b.type = "button";
      b.dataset.roomId = g.roomId;
      b.title = g.topic;
      b.append(el("span", "group-avatar", Array.from(g.topic)[0] || "群"));
      const text = el("span", "group-text");
      text.append(el("span", "group-topic", g.topic), el("span", "group-preview"));
      b.append(text);
      const badge = el("span", "badge");
      badge.hidden = true;
      b.append(badge);
      b.addEventListener("click", () => selectRoom(g.roomId));
      li.append(b);
      groupList.append(li);
    }
  }

  function groupButton(roomId) {
    for (const b of groupList.querySelectorAll("button.group")) if (b.dataset.roomId === roomId) return b;
    return null;
  }

  function updateGroupButton(roomId) {
    const b = groupButton(roomId);
    if (!b) return;
    const r = roomState(roomId);
    const last = r.lines[r.lines.length - 1];
    b.querySelector(".group-preview").textContent = last ? `${last.talkerName}：${last.text.replace(/\s+/g, " ")}` : "";
    const badge = b.querySelector(".badge");
    badge.textContent = r.unread > 99 ? "99+" : String(r.unread);
    badge.hidden = r.unread === 0;
    b.setAttribute("aria-current", roomId === currentRoom ? "true" : "false");
  }

  function selectRoom(roomId) {
    const g = world.groups.find((x) => x.roomId === roomId);
    if (!g) return;
    currentRoom = roomId;
    roomState(roomId).unread = 0;
    for (const x of world.groups) updateGroupButton(x.roomId);
    roomTitle.textContent = g.topic;
    roomCount.textContent = `（${g.members.length + 1}人）`;
    document.title = `${g.topic} · 苗圃助手 · 联系群模拟器`;

    memberSelect.replaceChildren();
    for (const m of g.members) {
      const o = el("option", "", m.name);
      o.value = m.wxid;
      memberSelect.append(o);
    }
    const speaker = speakers.get(roomId);
    if (speaker && g.members.some((m) => m.wxid === speaker)) memberSelect.value = speaker;
    speakers.set(roomId, memberSelect.value);
    memberSelect.disabled = false;
    sendButton.disabled = sending;
    clearError();
    renderMessages();
    input.focus();
  }

  // ---- Messages -----------------------------------------------------------

  function messageElement(line) {
    const mine = !line.fromBot && line.talkerId === speakers.get(line.roomId);
    const m = el("div", `msg${line.fromBot ? " from-bot" : ""}${mine ? " mine" : ""}`);
    m.dataset.messageId = line.messageId;
    const avatar = el("div", "avatar", Array.from(line.talkerName || "?")[0]);
    if (!line.fromBot) avatar.style.background = colourOf(line.talkerId);
    avatar.setAttribute("aria-hidden", "true");
    const body = el("div", "msg-body");
    const meta = el("div", "meta");
    meta.append(el("span", "name", line.talkerName));
    if (line.fromBot) meta.append(el("span", "tag", "助手"));
    const time = el("time", "", formatTime(line.at));
    time.dateTime = String(line.at);
    meta.append(time);
    body.append(meta, el("div", "bubble", line.text));
    m.append(avatar, body);
    return m;
  }

  function emptyNote(text) {
    messagesEl.replaceChildren(el("p", "empty", text));
  }

  function renderMessages() {
    if (!currentRoom) return;
    const r = roomState(currentRoom);
    if (r.lines.length === 0) {
      emptyNote("还没有消息。选一位群成员，发一句话试试。");
      return;
    }
    messagesEl.replaceChildren(...r.lines.map(messageElement));
    messagesEl.scrollTop = messagesEl.scrollHeight;
  }

  function nearBottom() {
    return messagesEl.scrollHeight - messagesEl.scrollTop - messagesEl.clientHeight < 80;
  }

  // Keep following the conversation when the window (or the keyboard on a phone) resizes.
  let followBottom = true;
  messagesEl.addEventListener("scroll", () => { followBottom = nearBottom(); });
  new ResizeObserver(() => { if (followBottom) messagesEl.scrollTop = messagesEl.scrollHeight; }).observe(messagesEl);

  function receive(line) {
    if (!line || typeof line.messageId !== "string" || typeof line.roomId !== "string") return;
    const r = roomState(line.roomId);
    if (r.ids.has(line.messageId)) return; // the stream replays history on (re)connect
    r.ids.add(line.messageId);
    r.lines.push(line);
    if (line.roomId === currentRoom) {
      const stick = nearBottom() || (!line.fromBot && line.talkerId === speakers.get(line.roomId));
      if (r.lines.length === 1) messagesEl.replaceChildren();
      messagesEl.append(messageElement(line));
      if (stick) messagesEl.scrollTop = messagesEl.scrollHeight;
    } else if (new Date(line.at).getTime() >= loadedAt) {
      r.unread += 1;
    }
    updateGroupButton(line.roomId);
  }

  function connect() {
    const es = new EventSource("/api/simulator/events");
    es.onopen = () => setStatus("ok", "已连接");
    es.onerror = () => setStatus("down", "连接中断，正在重连…");
    es.onmessage = (e) => {
      try {
        receive(JSON.parse(e.data));
      } catch (err) {
        console.error("bad event", err);
      }
    };
  }

  // ---- Sending ------------------------------------------------------------

  async function send() {
    if (sending || !currentRoom) return;
    const text = input.value;
    if (!text.trim()) {
      input.focus();
      return;
    }
    sending = true;
    sendButton.disabled = true;
    clearError();
    try {
      const res = await fetch("/api/simulator/say", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ roomId: currentRoom, wxid: memberSelect.value, text }),
      });
      if (!res.ok) {
        let message = "";
        try {
          message = (await res.json()).error || "";
        } catch {
          // not JSON
        }
        showError(`发送失败：${message || `服务器返回 ${res.status}`}`);
        return;
      }
      input.value = "";
      autoGrow();
    } catch {
      showError("发送失败：连不上服务器，请确认程序在运行。");
    } finally {
      sending = false;
      sendButton.disabled = !currentRoom;
      input.focus();
    }
  }

  function autoGrow() {
    input.style.height = "";
    if (input.scrollHeight > input.clientHeight) input.style.height = `${Math.min(input.scrollHeight + 2, 140)}px`;
  }

  $("#composer").addEventListener("submit", (e) => {
    e.preventDefault();
    send();
  });
  input.addEventListener("keydown", (e) => {
    // Enter sends; Shift+Enter is a new line; Enter while an IME is composing picks a candidate.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  });
  input.addEventListener("input", autoGrow);
  memberSelect.addEventListener("change", () => {
    if (!currentRoom) return;
    speakers.set(currentRoom, memberSelect.value);
    renderMessages(); // the chosen member's messages sit on the right
    input.focus();
  });
  for (const chip of document.querySelectorAll(".chip[data-insert]")) {
    chip.addEventListener("click", () => {
      input.value = chip.dataset.insert;
      autoGrow();
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
  }

  // ---- The demo's clock ---------------------------------------------------
  // Move time forward to see a holiday campaign's later steps (reminders after days,
  // the day before the meeting) without waiting; the bot's own jobs follow the new time.

  const demoNow = $("#demo-now");
  const showClock = (body) => {
    $("#demo-clock").hidden = !body.movable;
    demoNow.textContent = new Date(body.now).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  };
  async function post(url, body) {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(answer.error || `服务器返回 ${res.status}`);
    return answer;
  }
  const runSteps = () => post("/api/symposiums/steps", {});
  for (const chip of document.querySelectorAll(".chip[data-forward]")) {
    chip.addEventListener("click", async () => {
      clearError();
      try {
        showClock(await post("/api/simulator/clock", { hours: Number(chip.dataset.forward) }));
        await runSteps();
      } catch (err) {
        showError(`调整时间失败：${err instanceof Error ? err.message : err}`);
      }
    });
  }
  $("#steps-now").addEventListener("click", async () => {
    clearError();
    try {
      await runSteps();
    } catch (err) {
      showError(`执行失败：${err instanceof Error ? err.message : err}`);
    }
  });
  fetch("/api/simulator/clock").then((r) => r.json()).then(showClock, () => {});

  // ---- Start --------------------------------------------------------------

  async function start() {
    try {
      const res = await fetch("/api/simulator/world");
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.error || `服务器返回 ${res.status}`);
      world = body;
    } catch (err) {
      setStatus("down", "未连接");
      emptyNote("加载失败");
      showError(`无法加载群列表：${err instanceof Error ? err.message : err}`);
      return;
    }
    renderGroups();
    if (world.groups.length === 0) {
      emptyNote("没有可用的群。");
    } else {
      selectRoom(world.groups[0].roomId);
    }
    connect();
  }

  start();
})();
