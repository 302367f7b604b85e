// The tab's cues and spoken lines, played here, on the phone in the hand, not on the server.
// The tab's coach sends ["coach_sound", {...}] on the websocket textual.js opens (textual.js
// ignores messages it does not know): {play: id, sound: "cue/step.wav"}, {stop: id}, {bell: true}.
// The files come from this server under the page's own token (coach/commands/serve_sound.py).
// Browsers play sound only after the person has touched the page: the first tap or key unlocks
// it; a sound that comes before that is lost, and the page says so once.
(function () {
  "use strict";
  const token = new URLSearchParams(window.location.search).get("token") || "";
  const CUES = ["step", "tick", "switch", "done"];
  let context = null;
  let told = false;
  const decoded = new Map(); // sound -> Promise of its AudioBuffer
  const loading = new Set(); // play ids still being fetched
  const cut = new Set(); // play ids stopped while still being fetched
  const playing = new Map(); // play id -> its AudioBufferSourceNode

  function running() {
    return context !== null && context.state === "running";
  }

  function unlock() {
    if (running()) return;
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      if (context === null) {
        context = new Context();
        // iOS 17+: sound for the person who asked for it, not a ringtone the silent switch mutes
        if (navigator.audioSession) navigator.audioSession.type = "playback";
      }
      if (context.state !== "running") context.resume();
      // iOS opens its output only for a sound started inside the gesture: one silent sample.
      const silence = context.createBufferSource();
      silence.buffer = context.createBuffer(1, 1, 22050);
      silence.connect(context.destination);
      silence.start();
      CUES.forEach((name) => load("cue/" + name + ".wav").catch(() => {}));
    } catch (error) {
      return;
    }
    const notice = document.getElementById("sound-notice");
    if (notice) notice.hidden = true;
  }
  // The events a browser counts as the person's own (a touch counts when it ends).
  ["pointerdown", "pointerup", "touchend", "mousedown", "keydown", "click"].forEach((type) =>
    window.addEventListener(type, unlock, { capture: true, passive: true })
  );

  function tellOnce() {
    if (told) return;
    told = true;
    const notice = document.getElementById("sound-notice");
    if (notice) notice.hidden = false;
  }

  function load(sound) {
    if (!decoded.has(sound)) {
      const url = "/sound/" + sound + "?token=" + encodeURIComponent(token);
      const buffer = fetch(url, { cache: "no-store" })
        .then((response) => {
          if (!response.ok) throw new Error("sound " + response.status);
          return response.arrayBuffer();
        })
        .then((bytes) => context.decodeAudioData(bytes));
      buffer.catch(() => decoded.delete(sound)); // tried again next time
      decoded.set(sound, buffer);
    }
    return decoded.get(sound);
  }

  async function play(id, sound) {
    if (!running()) {
      tellOnce();
      return;
    }
    loading.add(id);
    let buffer;
    try {
      buffer = await load(sound);
    } catch (error) {
      return;
    } finally {
      loading.delete(id);
    }
    if (cut.delete(id)) return;
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    source.onended = () => playing.delete(id);
    playing.set(id, source);
    source.start();
  }

  function stop(id) {
    const source = playing.get(id);
    if (source) {
      playing.delete(id);
      source.stop();
    } else if (loading.has(id)) {
      cut.add(id);
    }
  }

  function bell() {
    if (!running()) {
      tellOnce();
      return;
    }
    const tone = context.createOscillator();
    const level = context.createGain();
    level.gain.value = 0.2;
    tone.frequency.value = 880;
    tone.connect(level).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.15);
  }

  function onMessage(event) {
    if (typeof event.data !== "string" || !event.data.startsWith('["coach_sound"')) return;
    let body;
    try {
      body = JSON.parse(event.data)[1];
    } catch (error) {
      return;
    }
    if (!body || typeof body !== "object") return;
    if (typeof body.play === "number" && typeof body.sound === "string") play(body.play, body.sound);
    else if (typeof body.stop === "number") stop(body.stop);
    else if (body.bell === true) bell();
  }

  // textual.js keeps its websocket to itself: listen on every one this page opens.
  const NativeWebSocket = window.WebSocket;
  function CoachWebSocket(url, protocols) {
    const socket =
      protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    socket.addEventListener("message", onMessage);
    return socket;
  }
  CoachWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach((name) => {
    CoachWebSocket[name] = NativeWebSocket[name];
  });
  window.WebSocket = CoachWebSocket;
})();
