async () => {
  const E = window.__elab;
  const started = performance.now();
  const all = (sel, root) => E.slice((root || document).querySelectorAll(sel));
  const attr = (el, name) => el.hasAttribute(name) ? el.getAttribute(name) : null;
  const html = document.documentElement;
  // one judgement an element while the page stands still; a fresh one after each wait (await)
  let visible = E.visibility();

  // --- language -------------------------------------------------------------------------------------
  // ``governs``: the element is the nearest lang-bearing ancestor of some text that is not whitespace and is
  // rendered (visible, or off-screen but in the accessibility tree): a language tag that governs no text is
  // spoken by nobody (ACT's applicability for "element with lang attribute has valid language tag").
  const shown = (el) => (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : visible(el));
  const governs = (el) => {
    const tw = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = tw.nextNode(), seen = 0; n && seen < 500; n = tw.nextNode(), seen++) {
      const p = n.parentElement;
      if (/\S/.test(n.nodeValue || '') && p && p.closest('[lang]') === el && !p.closest('script,style,template')
          && shown(p)) return true;
    }
    return false;
  };
  const langElements = all('body [lang]').slice(0, 100).map((el) => ({
    selector: E.selector(el), lang: el.getAttribute('lang'), text: E.text(el, 80), governs: governs(el) }));

  // --- text blocks: text nodes grouped by their block and by the element that sets their language ----
  const BLOCK = 'p,li,h1,h2,h3,h4,h5,h6,td,th,dd,dt,blockquote,figcaption,caption,legend,summary,label,' +
                'pre,button,option,div,section,article,main,aside,header,footer,nav,form,fieldset,details,body';
  const SKIP = 'script,style,noscript,template,svg,math,textarea,select,[hidden],[aria-hidden="true"]';
  const groups = new Map();
  const walker = document.createTreeWalker(document.body || html, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(); n && chars < 60000; n = walker.nextNode()) {
    const value = n.nodeValue;
    if (!value || !/\S/.test(value)) continue;
    const parent = n.parentElement;
    if (!parent || parent.closest(SKIP)) continue;
    const block = parent.closest(BLOCK) || parent;
    const langEl = parent.closest('[lang]');
    let byLang = groups.get(block);
    if (!byLang) { byLang = new Map(); groups.set(block, byLang); }
    byLang.set(langEl, (byLang.get(langEl) || '') + ' ' + value);
    chars += value.length;
  }
  const blocks = [];
  const shortTexts = [];   // visible groups of 1-3 words (the language probe judges short texts on their own)
  const langOf = (langEl) => (langEl ? (langEl.getAttribute('lang') || '').trim() : '');
  for (const [block, byLang] of groups) {
    if (blocks.length >= 300) break;
    for (const [langEl, raw] of byLang) {
      const text = raw.replace(/\s+/g, ' ').trim();
      const words = text.split(' ').filter((w) => /\p{L}/u.test(w)).length;
      if (!words || (words < 4 && shortTexts.length >= 200) || !visible(block)) continue;
      const owner = langEl && block.contains(langEl) && langEl !== block ? langEl : block;
      // ``root``: the text takes its language from <html> (no lang between), ACT's "inheriting from" <html>
      const entry = { selector: E.selector(owner), lang: langOf(langEl), root: !langEl || langEl === html,
                      text: text.slice(0, 400), words };
      (words < 4 ? shortTexts : blocks).push(entry);
    }
  }
  // Accessible names given by attributes (alt, aria-label, aria-labelledby's text, even of hidden elements): ACT
  // counts them as text inheriting the language of the element they name, not of the element they come from.
  const names = [];
  for (const el of all('img[alt], input[type="image" i][alt], area[alt], [aria-label], [aria-labelledby]')) {
    if (names.length >= 200) break;
    if (el.closest('[hidden], [aria-hidden="true"]') || (el.localName !== 'area' && !shown(el))) continue;
    const refs = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean);
    let source = 'alt';
    let text = el.getAttribute('alt') || '';
    if (refs.length) { source = 'aria-labelledby'; text = refs.map((r) => r.textContent || '').join(' '); }
    else if (/\S/.test(el.getAttribute('aria-label') || '')) { source = 'aria-label'; text = el.getAttribute('aria-label'); }
    else if (!el.matches('img, input, area')) continue;
    text = text.replace(/\s+/g, ' ').trim();
    if (!/\p{L}/u.test(text)) continue;
    const langEl = el.closest('[lang]');
    names.push({ selector: E.selector(el), lang: langOf(langEl), root: !langEl || langEl === html, source,
                 text: text.slice(0, 400), words: text.split(' ').filter((w) => /\p{L}/u.test(w)).length });
  }

  // --- media ------------------------------------------------------------------------------------------
  const nearbyControls = (el) => {
    const found = [];
    let box = el.parentElement;
    const MEDIA = 'video, audio, iframe, object, embed';
    for (let depth = 0; box && depth < 3 && found.length < 10; depth++, box = box.parentElement) {
      if (depth > 0 && box.querySelectorAll(MEDIA).length > 1) break;  // links there may be another player's
      for (const c of all('a[href], button, summary', box)) {
        if (found.length >= 10) break;
        if (c === el || found.some((f) => f.el === c)) continue;
        found.push({ el: c, text: E.text(c, 120), href: c.getAttribute('href') });
      }
      if ((box.innerText || '').length > 3000) break;
    }
    const described = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)).filter(Boolean)
      .map((d) => ({ el: d, text: E.text(d, 120), href: null }));
    return found.concat(described).map(({ text, href }) => ({ text, href }));
  };
  const media = all('video, audio, iframe, object, embed').slice(0, 50).map((el) => {
    const tag = el.localName;
    const src = el.currentSrc || el.src || attr(el, 'data') || (all('source', el)[0] || {}).src || '';
    return {
      element: tag, selector: E.selector(el), snippet: E.snippet(el), src,
      type: attr(el, 'type') || ((all('source', el)[0] || { getAttribute: () => null }).getAttribute('type')) || '',
      name: attr(el, 'title') || attr(el, 'aria-label') || '',
      visible: visible(el),
      autoplay: el.hasAttribute('autoplay'), muted: el.hasAttribute('muted') || el.muted === true,
      controls: el.hasAttribute('controls'), loop: el.hasAttribute('loop'),
      duration: (typeof el.duration === 'number' && isFinite(el.duration)) ? el.duration : null,
      tracks: all('track', el).map((t) => ({ kind: t.getAttribute('kind') || 'subtitles',
                                            srclang: attr(t, 'srclang'), label: attr(t, 'label') })),
      nearby: nearbyControls(el),
    };
  });

  // --- motion -----------------------------------------------------------------------------------------
  const moving = (sel) => all(sel).slice(0, 20).map((el) => ({
    selector: E.selector(el), snippet: E.snippet(el), text: E.text(el, 120) }));
  const animationsAll = document.getAnimations ? document.getAnimations() : [];
  const animations = [];
  for (const a of animationsAll) {
    if (animations.length >= 50) break;
    const effect = a.effect;
    if (!effect || !effect.getComputedTiming) continue;
    const t = effect.getComputedTiming();
    const forever = t.iterations === Infinity || t.activeDuration === Infinity;
    if (!forever && !(t.activeDuration >= 5000)) continue;
    const target = effect.target;
    const r = target && target.getBoundingClientRect ? target.getBoundingClientRect() : { width: 0, height: 0 };
    animations.push({
      selector: target ? E.selector(target) : '', snippet: target ? E.snippet(target) : '',
      type: a.constructor ? a.constructor.name : 'Animation',
      name: a.animationName || a.transitionProperty || a.id || '',
      iterations: t.iterations === Infinity ? null : t.iterations,
      duration_ms: typeof t.duration === 'number' ? Math.round(t.duration) : null,
      active_ms: t.activeDuration === Infinity ? null : Math.round(t.activeDuration),
      state: a.playState, visible: target ? visible(target) : false,
      area: Math.round(r.width * r.height),
    });
  }
  let reducedCss = false, unreadable = 0;
  const scan = (rules, depth) => {
    for (const rule of rules) {
      if (reducedCss) return;
      const cond = (rule.media && rule.media.mediaText) || rule.conditionText || '';
      if (cond.includes('prefers-reduced-motion')) { reducedCss = true; return; }
      if (rule.styleSheet && depth < 5) { try { scan(rule.styleSheet.cssRules, depth + 1); } catch (e) { unreadable++; } }
      if (rule.cssRules && depth < 5) scan(rule.cssRules, depth + 1);
    }
  };
  for (const sheet of E.slice(document.styleSheets)) {
    try { scan(sheet.cssRules, 0); } catch (e) { unreadable++; }
    if (reducedCss) break;
  }
  const inline = all('script:not([src])').map((s) => ({ el: s, text: s.textContent || '' }));
  const reducedScript = inline.some((s) => s.text.includes('prefers-reduced-motion'));

  const readGif = async (url) => {
    try {
      if (new URL(url, location.href).origin !== location.origin) return null;
      const res = await fetch(url, { cache: 'force-cache' });
      if (!res.ok) return null;
      const b = new Uint8Array(await res.arrayBuffer());
      if (b.length > 4000000 || b[0] !== 0x47 || b[1] !== 0x49 || b[2] !== 0x46) return null;
      let p = 13, frames = 0, loops = null, cycle = 0;
      if (b[10] & 0x80) p += 3 * (1 << ((b[10] & 0x07) + 1));
      const skipSubBlocks = () => { while (p < b.length && b[p] !== 0) p += b[p] + 1; p++; };
      while (p < b.length) {
        const code = b[p];
        if (code === 0x3B) break;
        if (code === 0x21) {
          const label = b[p + 1];
          if (label === 0xF9 && b[p + 2] === 4) cycle += (b[p + 4] | (b[p + 5] << 8)) * 10;
          if (label === 0xFF && b[p + 2] === 11) {
            const id = String.fromCharCode(...b.slice(p + 3, p + 14));
            if (id === 'NETSCAPE2.0' || id === 'ANIMEXTS1.0') loops = b[p + 16] | (b[p + 17] << 8);
          }
          p += 2; skipSubBlocks();
        } else if (code === 0x2C) {
          frames++;
          const packed = b[p + 9];
          p += 10;
          if (packed & 0x80) p += 3 * (1 << ((packed & 0x07) + 1));
          p++; skipSubBlocks();
        } else return { frames, loops, cycle_ms: cycle };  // damaged file: what was read so far
      }
      return { frames, loops, cycle_ms: cycle };
    } catch (e) { return null; }
  };
  const gifImages = all('img').filter((img) => /\.gif$/i.test(((img.currentSrc || img.src || '').split(/[?#]/)[0]))).slice(0, 20);
  const gifs = [];
  for (const [i, img] of gifImages.entries()) {
    const src = img.currentSrc || img.src;
    const info = i < 5 ? await readGif(src) : null;
    gifs.push({ selector: E.selector(img), snippet: E.snippet(img), src, alt: attr(img, 'alt'),
                visible: E.visible(img), width: img.width, height: img.height,
                frames: info ? info.frames : null, loops: info ? info.loops : null,
                cycle_ms: info ? info.cycle_ms : null });
  }
  visible = E.visibility();

  // --- timing -----------------------------------------------------------------------------------------
  const timerScripts = inline
    .filter((s) => /set(Timeout|Interval)\s*\(/.test(s.text) &&
                   /location|\.submit\s*\(|\.reload\s*\(/.test(s.text))
    .slice(0, 10).map((s) => ({ selector: E.selector(s.el), text: s.text.slice(0, 4000) }));

  // --- markup: structure facts for the form, link, colour and CSS probes -------------------------------
  const LETTERS = /\p{L}{2}/u;
  const { norm } = E;
  const textOfIds = (el, name) => norm((el.getAttribute(name) || '').split(/\s+/).filter(Boolean)
    .map((id) => { const d = document.getElementById(id); return d ? d.textContent : ''; }).join(' '));
  const labelOf = (el) => norm([textOfIds(el, 'aria-labelledby'), attr(el, 'aria-label') || '',
    ...(el.labels ? E.slice(el.labels).map((l) => l.innerText || l.textContent) : [])].join(' '));
  const abbreviations = all('abbr, acronym').slice(0, 50).map((el) => ({
    selector: E.selector(el), snippet: E.snippet(el), text: E.text(el, 40), title: attr(el, 'title'),
    visible: visible(el) }));

  // CSS ::before/::after content holding words, found through the style rules that set it
  const generated = [];
  const pseudoRules = [];
  const findContent = (rules, depth) => {
    for (const rule of rules) {
      if (pseudoRules.length >= 100) return;
      if (rule.selectorText && /::?(before|after)/i.test(rule.selectorText) && rule.style &&
          LETTERS.test(rule.style.content || '')) pseudoRules.push(rule.selectorText);
      if (rule.cssRules && depth < 5) { try { findContent(rule.cssRules, depth + 1); } catch (e) { /* skip */ } }
    }
  };
  for (const sheet of E.slice(document.styleSheets)) { try { findContent(sheet.cssRules, 0); } catch (e) { /* cross-origin */ } }
  const taken = new Set();
  for (const text of pseudoRules) {
    for (const part of text.split(',')) {
      const m = part.match(/::?(before|after)/i);
      if (!m || generated.length >= 20) continue;
      const base = part.replace(/::?(before|after)/ig, '').trim() || '*';
      let els = [];
      try { els = all(base).slice(0, 20); } catch (e) { continue; }
      for (const el of els) {
        const pseudo = '::' + m[1].toLowerCase();
        const content = getComputedStyle(el, pseudo).content || '';
        const said = content.startsWith('"') ? content.slice(1, -1) : '';
        if (!LETTERS.test(said) || taken.has(el) || !visible(el) || el.closest('[aria-hidden="true"]')) continue;
        taken.add(el);
        generated.push({ selector: E.selector(el), snippet: E.snippet(el), pseudo, content: said.slice(0, 120),
                         text: E.text(el, 120) });
      }
    }
  }

  // ids used more than once, and whether labels, ARIA or in-page links point at them
  const idCount = new Map();
  for (const el of all('[id]')) if (el.id) idCount.set(el.id, (idCount.get(el.id) || 0) + 1);
  const refs = new Set();
  const REF_ATTRS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns',
                     'aria-activedescendant', 'aria-details', 'aria-errormessage', 'aria-flowto', 'headers', 'list'];
  for (const el of all(REF_ATTRS.map((a) => '[' + a + ']').join(','))) {
    for (const a of REF_ATTRS) for (const id of (el.getAttribute(a) || '').split(/\s+/)) if (id) refs.add(id);
  }
  for (const a of all('a[href^="#"]')) { try { refs.add(decodeURIComponent(a.getAttribute('href').slice(1))); } catch (e) { /* skip */ } }
  const duplicateIds = [...idCount].filter(([, n]) => n > 1).slice(0, 20).map(([id, n]) => {
    const first = document.getElementById(id);
    return { id, count: n, referenced: refs.has(id), in_svg: !!(first && first.closest('svg')),
             selector: E.selector(first), snippet: E.snippet(first) };
  });

  // fieldsets, and radio buttons or checkboxes that share a name
  const groupName = (g) => {
    const legend = g.localName === 'fieldset' ? E.slice(g.children).find((c) => c.localName === 'legend') : null;
    return norm([legend ? legend.textContent : '', attr(g, 'aria-label') || '', textOfIds(g, 'aria-labelledby')].join(' '));
  };
  const fieldsets = all('fieldset').slice(0, 50).map((fs) => ({
    selector: E.selector(fs), snippet: E.snippet(fs), name: groupName(fs), visible: visible(fs),
    legend: !!E.slice(fs.children).find((c) => c.localName === 'legend'),
    controls: fs.querySelectorAll('input:not([type=hidden]), select, textarea').length }));
  const choiceMap = new Map();
  for (const el of all('input[type=radio], input[type=checkbox]')) {
    if (!el.name || !visible(el)) continue;
    const key = el.type + '\u0000' + (el.form ? E.selector(el.form) : '') + '\u0000' + el.name;
    if (!choiceMap.has(key)) choiceMap.set(key, []);
    choiceMap.get(key).push(el);
  }
  const choiceGroups = [];
  for (const els of choiceMap.values()) {
    if (els.length < 2 || choiceGroups.length >= 20) continue;
    const groups = els.map((el) => el.closest('fieldset, [role=group], [role=radiogroup]'));
    const named = groups.every((g) => g && groupName(g));
    choiceGroups.push({ type: els[0].type, name: els[0].name, count: els.length, grouped: named,
                        in_group: groups.every((g) => !!g), selector: E.selector(els[0]), snippet: E.snippet(els[0]),
                        labels: els.slice(0, 4).map(labelOf) });
  }

  // fields with a pattern: what tells people the format?
  const patternFields = all('input[pattern]').slice(0, 30).filter((el) => visible(el)).map((el) => ({
    selector: E.selector(el), snippet: E.snippet(el), pattern: attr(el, 'pattern'), title: norm(attr(el, 'title')),
    placeholder: norm(attr(el, 'placeholder')), label: labelOf(el), hint: textOfIds(el, 'aria-describedby'),
    enforced: !!(el.form && !el.form.noValidate) }));   // the browser checks the pattern only when a form submits

  // links and buttons holding words that CSS hides from everyone (display: none, visibility: hidden)
  const hiddenInControls = [];
  for (const c of all('a[href], button, [role=button], [role=link]')) {
    if (hiddenInControls.length >= 20) break;
    if (!visible(c) || c.querySelectorAll('*').length > 30) continue;
    const hidden = [];
    for (const d of c.querySelectorAll('*')) {
      const ds = getComputedStyle(d);
      const ps = getComputedStyle(d.parentElement);
      if (ps.display === 'none' || ps.visibility === 'hidden') continue;
      if ((ds.display === 'none' || ds.visibility === 'hidden') && LETTERS.test(d.textContent || '')) hidden.push(norm(d.textContent));
    }
    if (hidden.length) hiddenInControls.push({ selector: E.selector(c), snippet: E.snippet(c), text: E.text(c, 120),
                                               label: norm(attr(c, 'aria-label')), hidden: hidden.join(' ').slice(0, 120) });
  }

  // images marked as decoration (alt="", role=none) that still carry a tooltip
  const titledDecoration = all('img[title]').filter((img) => {
    const r = (img.getAttribute('role') || '').trim();
    return (img.getAttribute('alt') === '' || r === 'presentation' || r === 'none') && norm(img.getAttribute('title')) &&
           !img.hasAttribute('aria-label') && !img.hasAttribute('aria-labelledby') && visible(img);
  }).slice(0, 20).map((img) => ({ selector: E.selector(img), snippet: E.snippet(img), title: norm(img.getAttribute('title')),
                                  src: img.currentSrc || img.src || '' }));

  // links in running text that look exactly like the text around them
  const STYLE_KEYS = ['color', 'fontWeight', 'fontStyle', 'fontFamily', 'fontSize', 'textDecorationLine',
                      'textTransform', 'backgroundColor', 'borderBottomStyle', 'borderBottomWidth', 'boxShadow',
                      'outlineStyle', 'fontVariant'];
  const plainLinks = [];
  for (const a of all('p a[href], li a[href], td a[href], dd a[href], blockquote a[href]')) {
    if (plainLinks.length >= 20) break;
    const block = a.closest('p, li, td, dd, blockquote');
    const around = norm((block.innerText || '').replace(a.innerText || '', ' '));
    if ((around.match(/\p{L}{2,}/gu) || []).length < 2 || !visible(a) || !LETTERS.test(a.innerText || '')) continue;
    if (a.querySelector('img, svg')) continue;
    const parent = a.parentElement;
    const la = getComputedStyle(a), pa = getComputedStyle(parent);
    if (STYLE_KEYS.some((k) => la[k] !== pa[k])) continue;
    const styledInside = E.slice(a.querySelectorAll('*')).some((d) => {
      const ds = getComputedStyle(d);
      return STYLE_KEYS.some((k) => k !== 'backgroundColor' && ds[k] !== la[k]);
    });
    if (styledInside || la.backgroundImage !== 'none' || la.borderBottomStyle !== 'none') continue;
    plainLinks.push({ selector: E.selector(a), snippet: E.snippet(a), text: E.text(a, 80), context: around.slice(0, 160) });
  }

  // lists whose items differ only in the colour of their text
  const colourOnly = [];
  const textHolder = (li) => {
    let el = li;
    while (el.children.length === 1 && norm(el.children[0].textContent) === norm(el.textContent)) el = el.children[0];
    return el;
  };
  for (const list of all('ul, ol')) {
    if (colourOnly.length >= 10) break;
    const items = E.slice(list.children).filter((li) => li.localName === 'li' && visible(li) && LETTERS.test(li.textContent || ''));
    if (items.length < 3) continue;
    const sig = (li) => {
      const h = textHolder(li), s = getComputedStyle(h), ls = getComputedStyle(li);
      const before = getComputedStyle(h, '::before').content + getComputedStyle(h, '::after').content;
      return [s.fontWeight, s.fontStyle, s.textDecorationLine, s.backgroundColor, s.textTransform, s.fontSize,
              s.borderStyle, ls.listStyleType, ls.listStyleImage, ls.backgroundImage, s.backgroundImage, before,
              h.querySelector('img, svg') ? 'icon' : ''].join('|');
    };
    const colours = new Set(items.map((li) => getComputedStyle(textHolder(li)).color));
    if (colours.size < 2 || new Set(items.map(sig)).size !== 1) continue;
    colourOnly.push({ selector: E.selector(list), snippet: E.snippet(list), items: items.length, colours: colours.size,
                      texts: items.slice(0, 6).map((li) => E.text(li, 40)) });
  }

  // block elements whose language is written right to left: which direction does the page give them?
  const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
  // Unicode's bidirectional algorithm shows a run that starts and ends with right-to-left letters, and holds
  // no left-to-right letter, in the same order whatever the paragraph's base direction: neutral characters
  // and numbers between two right-to-left letters take their side. Only what stands at an edge (a full stop,
  // a leading number) or a left-to-right word inside is placed by the base direction. Several words still
  // need the right base direction: it decides the side every line starts from.
  const RTL_LETTER = /^[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]$/u;
  const rtlEdge = (ch) => !!ch && RTL_LETTER.test(ch) && /[\p{L}\p{M}]/u.test(ch);
  const reorders = (t) => {
    const core = Array.from(t.trim());
    const ltrLetter = core.some((ch) => /\p{L}/u.test(ch) && !RTL_LETTER.test(ch));
    return ltrLetter || !rtlEdge(core[0]) || !rtlEdge(core[core.length - 1]);
  };
  const directions = all('[lang]').slice(0, 100).map((el) => {
    const t = (el.innerText || el.textContent || '').slice(0, 2000);
    const letters = (t.match(/\p{L}/gu) || []).length;
    const s = getComputedStyle(el);
    return { selector: E.selector(el), lang: el.getAttribute('lang'), direction: s.direction,
             block: !s.display.startsWith('inline'), dir: attr(el, 'dir'), letters,
             rtl: (t.match(RTL_CHARS) || []).length, reorders: reorders(t),
             words: t.trim().split(/\s+/).filter(Boolean).length, text: E.text(el, 80) };
  }).filter((d) => d.rtl > 0);

  // messages that announce errors (alerts, live regions), and whether they or the fields say which field
  const formFields = all('input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image])' +
                         ':not([type=reset]), select, textarea').filter((el) => visible(el));
  const fieldLabels = formFields.map((el) => labelOf(el).toLowerCase()).filter((l) => l.length > 1);
  const fieldsMarked = formFields.filter((el) => el.getAttribute('aria-invalid') === 'true' ||
    !!textOfIds(el, 'aria-errormessage') || !!textOfIds(el, 'aria-describedby')).length;
  const announcements = all('[role=alert], [role=alertdialog], [aria-live=assertive], [aria-live=polite], [role=status]')
    .filter((el) => visible(el) && LETTERS.test(el.textContent || '')).slice(0, 10).map((el) => {
      const text = norm(el.innerText || el.textContent).slice(0, 300);
      const links = all('a[href^="#"]', el).filter((a) => {
        let id = a.getAttribute('href').slice(1);
        try { id = decodeURIComponent(id); } catch (e) { /* keep it raw */ }
        const target = document.getElementById(id) || document.getElementsByName(id)[0];
        return !!target && formFields.some((f) => f === target || target.contains(f) || (f.labels && E.slice(f.labels).includes(target)));
      }).length;
      return { selector: E.selector(el), snippet: E.snippet(el), text, links_to_fields: links,
               names_field: fieldLabels.some((l) => text.toLowerCase().includes(l)) };
    });
  const errors = { fields: formFields.length, fields_marked: fieldsMarked, announcements };

  // text shown in red (how error messages look) on a page with fields, and whether a field points at it
  const isRed = (c) => { const v = E.rgba(c); return !!v && v[3] > 0.5 && v[0] >= 150 && v[0] >= 2 * v[1] && v[0] >= 2 * v[2]; };
  const redTexts = [];
  if (formFields.length && document.body && !isRed(getComputedStyle(document.body).color)) {
    const tiedEls = [];
    for (const f of formFields) {
      for (const name of ['aria-describedby', 'aria-errormessage', 'aria-labelledby']) {
        for (const id of (f.getAttribute(name) || '').split(/\s+/).filter(Boolean)) {
          const d = document.getElementById(id); if (d) tiedEls.push(d);
        }
      }
      if (f.labels) tiedEls.push(...E.slice(f.labels));
      const fs = f.closest('fieldset'); const lg = fs && fs.querySelector('legend'); if (lg) tiedEls.push(lg);
    }
    const LIVE = '[role=alert], [role=alertdialog], [role=status], [aria-live=assertive], [aria-live=polite]';
    for (const el of all('body *')) {
      if (redTexts.length >= 20) break;
      if (['script', 'style', 'option', 'select', 'textarea', 'input', 'button', 'a', 'svg'].includes(el.localName)) continue;
      const own = E.slice(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.data).join(' ');
      if (!LETTERS.test(own) || !isRed(getComputedStyle(el).color) || !visible(el)) continue;
      if (redTexts.some((r) => r.el.contains(el)) || el.closest('a, button, [role=button], [role=link]')) continue;
      let up = 0, n = el;                       // how far up before a box holds a field
      while (n && n !== document.body && !formFields.some((f) => n.contains(f))) { n = n.parentElement; up += 1; }
      if (!n || up > 4) continue;
      const next = el.nextElementSibling || (el.parentElement && el.parentElement.nextElementSibling);
      const labelsFields = ['label', 'legend'].includes(el.localName) || (!!next && formFields.some((f) => next.contains(f)));
      redTexts.push({ el, selector: E.selector(el), snippet: E.snippet(el), text: E.text(el, 160),
                      colour: getComputedStyle(el).color,
                      tied: tiedEls.some((t) => t.contains(el) || el.contains(t)),
                      live: !!el.closest(LIVE), labels_fields: labelsFields });
    }
  }
  errors.red_texts = redTexts.map(({ el, ...rest }) => rest);

  // text fields and the words that say what they ask for, with their autocomplete token (WCAG 1.3.5)
  const purposeFields = formFields.filter((f) => f.localName === 'input' &&
      ['text', 'email', 'tel', 'url', 'password'].includes(f.type)).slice(0, 30).map((f) => ({
    selector: E.selector(f), snippet: E.snippet(f), type: f.type, name: attr(f, 'name'), id: f.id || null,
    label: labelOf(f).slice(0, 120), placeholder: attr(f, 'placeholder'), autocomplete: attr(f, 'autocomplete') }));

  // preformatted text (ASCII art is non-text content, WCAG 1.1.1) and whether it has a text alternative
  const preformatted = all('pre').filter((el) => visible(el) && !el.closest('[aria-hidden="true"]')).slice(0, 10)
    .map((el) => {
      const fig = el.closest('figure');
      return { selector: E.selector(el), snippet: E.snippet(el), text: (el.textContent || '').slice(0, 2000),
               code: !!el.querySelector('code, samp, kbd') || !!el.closest('code, samp, kbd'),
               alternative: !!(norm(attr(el, 'aria-label')) || textOfIds(el, 'aria-labelledby') ||
                               (fig && fig.querySelector('figcaption') && norm(fig.querySelector('figcaption').textContent))) };
    });

  // frames and, when the browser lets the page read them (same origin), what the framed document is about
  const frames = all('iframe, frame').filter((el) => visible(el)).slice(0, 10).map((el) => {
    let doc = null;
    try { doc = el.contentDocument; } catch (e) { doc = null; }
    const h1 = doc ? doc.querySelector('h1') : null;
    return { selector: E.selector(el), snippet: E.snippet(el), title: attr(el, 'title'),
             label: norm(attr(el, 'aria-label') || textOfIds(el, 'aria-labelledby')) || null,
             readable: !!(doc && doc.body), doc_title: doc ? norm(doc.title).slice(0, 200) : null,
             doc_heading: h1 ? norm(h1.textContent).slice(0, 200) : null,
             doc_text: doc && doc.body ? norm(doc.body.innerText || doc.body.textContent).slice(0, 400) : null };
  });

  // links right next to each other (nothing but white space between) that go to the same place
  const adjacentLinks = [];
  const shownLinks = all('a[href]').filter((a) => visible(a));
  for (let i = 1; i < shownLinks.length && adjacentLinks.length < 10; i++) {
    const a = shownLinks[i - 1], b = shownLinks[i];
    if (a.href !== b.href || a.contains(b) || b.contains(a) || /^javascript:/i.test(a.href)) continue;
    if (/^#?$/.test((a.getAttribute('href') || '').trim())) continue;   // placeholders go nowhere, let alone to one place
    const between = document.createRange();
    try { between.setStartAfter(a); between.setEndBefore(b); } catch (e) { continue; }
    if (/\S/.test(between.toString()) || between.cloneContents().querySelector('img, svg, input, button, select, textarea')) continue;
    adjacentLinks.push({ selector: E.selector(a), snippet: E.snippet(a), other: E.selector(b), href: a.href,
                         names: [labelOf(a) || E.text(a, 80) || norm(all('img', a).map((i) => attr(i, 'alt') || '').join(' ')),
                                 labelOf(b) || E.text(b, 80) || norm(all('img', b).map((i) => attr(i, 'alt') || '').join(' '))] });
  }

  // tables: their shape, header cells and what they hold (data table or layout grid)
  const tables = all('table').filter((t) => visible(t)).slice(0, 20).map((t) => {
    const rows = E.slice(t.rows);
    const cells = rows.flatMap((r) => E.slice(r.cells));
    const isHead = (c) => c.localName === 'th' || ['columnheader', 'rowheader'].includes(c.getAttribute('role'));
    const first = rows.length ? E.slice(rows[0].cells) : [];
    const later = rows.slice(1);
    const texts = cells.map((c) => norm(c.textContent));
    const outer = t.parentElement ? t.parentElement.closest('table') : null;
    return {
      selector: E.selector(t), snippet: E.snippet(t), role: attr(t, 'role'), rows: rows.length,
      cols: Math.max(0, ...rows.map((r) => E.slice(r.cells).reduce((a, c) => a + (c.colSpan || 1), 0))),
      cells: cells.length, headers: cells.filter(isHead).length, filled: texts.filter(Boolean).length,
      avg_chars: Math.round(texts.reduce((a, x) => a + x.length, 0) / Math.max(1, cells.length)),
      named: !!(t.caption && norm(t.caption.textContent)) || !!norm(attr(t, 'aria-label')) || !!textOfIds(t, 'aria-labelledby'),
      column_headers: first.length > 1 && first.filter(isHead).length >= first.length - 1,
      row_headers: later.length > 0 && later.filter((r) => r.cells[0] && isHead(r.cells[0])).length * 2 >= later.length,
      scoped: cells.some((c) => c.hasAttribute('scope') || c.hasAttribute('headers')),
      controls: all('input, select, textarea, button', t).length,
      blocks: all('h1, h2, h3, h4, h5, h6, ul, ol, dl, form, fieldset, [role=heading]', t).length,
      nested_tables: all('table', t).length,
      inside_data_table: !!outer && E.slice(outer.querySelectorAll('th')).some((h) => h.closest('table') === outer),
      text: E.text(t, 80),
    };
  });

  // the page's own source (from the browser cache), for the markup probe's tag check
  let source = null;
  try {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 2000);
    const res = await fetch(location.href, { cache: 'force-cache', signal: ctrl.signal, credentials: 'same-origin' });
    clearTimeout(timer);
    const type = res.headers.get('content-type') || '';
    if (res.ok && type.includes('html')) source = (await res.text()).slice(0, 400000);
  } catch (e) { source = null; }

  const titleEl = document.querySelector('title');
  const viewport = document.querySelector('meta[name="viewport" i]');
  return {
    title: titleEl ? (titleEl.textContent || '').replace(/\s+/g, ' ').trim() : null,
    lang: { html: attr(html, 'lang'), xml_lang: attr(html, 'xml:lang'), elements: langElements, names,
            short: shortTexts },
    meta: {
      refresh: all('meta[http-equiv="refresh" i]').map((m) => m.getAttribute('content') || ''),
      viewport: viewport ? viewport.getAttribute('content') || '' : null,
    },
    text_blocks: blocks,
    media,
    motion: {
      marquee: moving('marquee'), blink: moving('blink'), animations, animations_total: animationsAll.length,
      gifs,
      reduced_motion_css: reducedCss, reduced_motion_script: reducedScript, stylesheets_unreadable: unreadable,
    },
    timing: { scripts: timerScripts },
    markup: {
      abbreviations, generated, duplicate_ids: duplicateIds, fieldsets, choice_groups: choiceGroups,
      pattern_fields: patternFields, hidden_in_controls: hiddenInControls, titled_decoration: titledDecoration,
      plain_links: plainLinks, colour_only: colourOnly, directions, errors, purpose_fields: purposeFields, tables, preformatted, frames,
      adjacent_links: adjacentLinks,
      body_text: abbreviations.length ? (document.body ? document.body.innerText : '').slice(0, 100000) : '',
      source,
    },
    js_ms: Math.round(performance.now() - started),
  };
}
