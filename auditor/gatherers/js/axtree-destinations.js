async ({ urls, ms }) => {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  const digest = (text) => { let h = 0; for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0; return String(h); };
  const out = {};
  await Promise.all(urls.map(async (url) => {
    try {
      const r = await fetch(url, { credentials: "omit", redirect: "follow", signal: ctl.signal });
      const type = (r.headers.get("content-type") || "").toLowerCase();
      const body = type.includes("html") || type.includes("text") ? (await r.text()).slice(0, 200000) : "";
      const m = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*(\d+)\s*[;,]\s*(?:url\s*=\s*)?['"]?([^'">]+)/i.exec(body);
      const refresh = m && Number(m[1]) <= 5 ? new URL(m[2].trim(), r.url).href : null;
      const text = new DOMParser().parseFromString(body, "text/html").body;
      const said = text ? (text.textContent || "").replace(/\s+/g, " ").trim() : "";
      const words = [...new Set((said.slice(0, 20000).toLowerCase().match(/[\p{L}\p{N}]+/gu) || []))].slice(0, 400);
      out[url] = { status: r.status, final: r.url, refresh, digest: r.ok && text ? digest(said) : null,
                   words: r.ok ? words : [] };
    } catch (e) { out[url] = { error: String(e && e.name || e) }; }
  }));
  clearTimeout(timer);
  return out;
}
