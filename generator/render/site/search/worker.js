/*
 * The handbook's search worker: answers the theme's search box in place of its lunr worker
 * (same messages: 0 SETUP {config, docs} -> 1 READY; 2 QUERY text -> 3 RESULT {items}).
 * Index format and the build side: generator/render/site/search/ (index.py, segment.py, words.py).
 *
 * A query is converted to Simplified character by character (config.handbook.t2s; a Traditional
 * edition's index says fold: its texts and titles are cut, and matched, as Simplified copies of the
 * same length, search/fold.py), normalised and cut by `segment`, the
 * same algorithm with the same dictionary as the index (segment.py); every word is looked up
 * whole, through its synonyms, and inside longer words (partial words); a page's title and the
 * characters pairs of the query catch exact titles and typos. Results are grouped per page: the
 * page, then its best steps / sections / items, each linking to its anchor.
 * No library, no network: runs as a Worker, or inside the theme's iframe shim from file://.
 */
"use strict"

var H = null          /* the prepared index */
var HAN = /[\u3400-\u9fff\uf900-\ufaff]/
var RUN = /[0-9]+(?:\.[0-9]+)?%?|[a-z]+|[\u3400-\u9fff\uf900-\ufaff]+/g
/* Tables looked up by what the user typed have no prototype: 「constructor」 is no synonym. */
function table(pairs) { return Object.assign(Object.create(null), pairs) }

var STOP_WRITTEN = table({"的": 1, "了": 1, "吗": 1, "呢": 1, "啊": 1, "吧": 1, "怎么": 1, "怎么办": 1, "如何": 1, "怎么样": 1,
            "什么": 1, "怎样": 1, "哪里": 1, "哪个": 1, "谁": 1, "找": 1, "找谁": 1, "要": 1, "是": 1, "在": 1, "和": 1,
            "与": 1, "及": 1, "我": 1, "请问": 1, "一下": 1, "时候": 1, "需要": 1, "有人": 1, "多少": 1, "几多": 1, "点样": 1, "点算": 1, "边度": 1, "乜嘢": 1, "咗": 1})
var STOP = STOP_WRITTEN  /* folded to Simplified by setup() for a Traditional edition, whose pass converted this file */

/* --- the cut: a port of segment.py ------------------------------------------------------------ */

var PLAIN = /^[^A-Z\u3000\uFF01-\uFF5E]*$/  // nothing to normalize: most texts

function normalize(text) {
  if (PLAIN.test(text)) return text
  var out = ""
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i)
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0
    else if (c === 0x3000) c = 0x20
    if (c >= 65 && c <= 90) c += 32
    out += String.fromCharCode(c)
  }
  return out
}

/* A Han run cut once: the same clauses recur across pages (cleared with each new index). */
function cutRun(run) {
  var words = H.runs.get(run)
  if (!words) H.runs.set(run, words = cutHan(run))
  return words
}

function cutHan(run) {
  var n = run.length, score = new Array(n + 1), next = new Array(n + 1)
  score[n] = 0
  for (var i = n - 1; i >= 0; i--) {
    var best = -Infinity, bestJ = i
    for (var j = i; j < n && j - i < H.maxLen; j++) {
      var frag = run.slice(i, j + 1)
      if (j > i && !H.prefixes.has(frag)) break  // no word starts so: as segment.py's prefix test
      var f = H.words.get(frag) || 0
      if (f || j === i) {
        var s = Math.log(f || 1) - H.logTotal + score[j + 1]
        if (s >= best) { best = s; bestJ = j }
      }
    }
    score[i] = best; next[i] = bestJ
  }
  var words = []
  for (var k = 0; k < n; k = next[k] + 1) words.push(run.slice(k, next[k] + 1))
  return words
}

function unitAfter(text, end, following) {
  if (text.slice(end, following.index).replace(/ /g, "") || !HAN.test(following[0][0])) return ""
  var best = ""
  for (var i = 0; i < H.units.length; i++) {
    var u = H.units[i]
    if (following[0].lastIndexOf(u, 0) === 0 && u.length > best.length) best = u
  }
  return best
}

function segment(text) {
  text = normalize(text)
  var runs = [], m, out = [], skipTo = -1
  RUN.lastIndex = 0
  while ((m = RUN.exec(text))) runs.push(m)
  for (var i = 0; i < runs.length; i++) {
    var run = runs[i], start = Math.max(run.index, skipTo), end = run.index + run[0].length
    if (start >= end) continue
    var piece = text.slice(start, end)
    if (/[0-9]/.test(run[0][0]) && i + 1 < runs.length && piece[piece.length - 1] !== "%") {
      var unit = unitAfter(text, end, runs[i + 1])
      if (unit) { out.push(piece + unit); skipTo = runs[i + 1].index + unit.length; continue }
    }
    if (HAN.test(piece[0])) out.push.apply(out, cutRun(piece))
    else out.push(piece)
  }
  return out
}

/* --- setup -------------------------------------------------------------------------------------- */

function setup(data) {
  var hb = data.config.handbook
  var t2s = new Map()
  var code = Array.isArray(hb.t2s)  // a Traditional edition's table: code points (search/fold.py)
  for (var i = 0; i + 1 < hb.t2s.length; i += 2)
    t2s.set(code ? String.fromCharCode(hb.t2s[i]) : hb.t2s[i], code ? String.fromCharCode(hb.t2s[i + 1]) : hb.t2s[i + 1])
  H = { t2s: t2s, fold: !!hb.fold }
  /* a Traditional edition's word tables are written in Traditional characters that fold back exactly */
  hb = Object.assign({}, hb, folded({ words: hb.words, synonyms: hb.synonyms, rewrite: hb.rewrite, cues: hb.cues,
                                       tails: hb.tails, units: hb.units, sounds: hb.sounds }))
  var words = new Map(), prefixes = new Set(), maxLen = 1
  for (var w in hb.words) {
    words.set(w, hb.words[w])
    if (w.length > maxLen) maxLen = w.length
    for (var k = 1; k <= w.length; k++) prefixes.add(w.slice(0, k))
  }
  H = { fold: H.fold, written: new Map(), words: words, prefixes: prefixes, runs: new Map(), maxLen: maxLen, logTotal: Math.log(hb.total), units: hb.units, t2s: t2s,
        synonyms: table(hb.synonyms), rewrite: table(hb.rewrite || {}), cues: table(hb.cues || {}), quantity: hb.quantity || [], tails: hb.tails || [],
        edges: new Map(), chars: new Map(), lengths: new Map(), sounds: new Map(), docs: [], post: new Map(), vocab: [], bigrams: new Map(), pages: [] }
  STOP = folded(STOP_WRITTEN)
  H.digit = folded(DIGIT)
  H.numeral = H.fold ? new RegExp(simplify(NUMERAL.source), "g") : NUMERAL
  ;(hb.sounds || []).forEach(function (group, k) {
    for (var i = 0; i < group.length; i++) {
      var of = H.sounds.get(group[i])
      if (!of) H.sounds.set(group[i], of = [])
      of.push(k)
    }
  })
  H.keys = Object.keys(hb.synonyms).concat(Object.keys(STOP)).filter(function (k) { return k.length > 1 })
    .sort(function (a, b) { return b.length - a.length })
  var texts = unpack(hb.vocab, hb.texts).map(unescapeHTML), plain = texts.map(folded), norm = plain.map(normalize)
  var cut = new Array(texts.length), titles = new Map()
  function textWords(n) { return cut[n] || (cut[n] = new Set(segment(plain[n]))) }
  function titleWords(t) { var w = titles.get(t); if (!w) titles.set(t, w = new Set(segment(t))); return w }
  function add(location, title, n, page, boost) {
    var i = H.docs.length, isPage = page < 0
    var doc = { d: { location: location, title: title, text: texts[n] }, i: i, page: isPage ? i : page,
                isPage: isPage, boost: boost, title: normalize(folded(title)), titleWords: titleWords(folded(title)),
                words: textWords(n), text: norm[n] }
    H.docs.push(doc)
    doc.titleWords.forEach(post)
    doc.words.forEach(post)
    function post(w) {
      var list = H.post.get(w)
      if (!list) { list = []; H.post.set(w, list); H.vocab.push(w) }
      if (list[list.length - 1] !== i) list.push(i)
    }
    return doc
  }
  data.docs.forEach(function (p) {
    var page = add(p.location, unescapeHTML(p.title), p.x, -1, p.b || 1)
    page.kind = p.k || ""
    page.topics = topics(page.title)
    H.pages.push(page.i)
    pairs(page.title).forEach(function (pair) {
      var list = H.bigrams.get(pair)
      if (!list) H.bigrams.set(pair, list = [])
      list.push(page.i)
    })
    var steps = {}
    p.e.forEach(function (e) {
      var doc = add(p.location + "#" + e[0], unescapeHTML(e[1]), e[2], page.i, p.b || 1)
      doc.outer = new Set()  /* the title words of the steps it stands under (1.2 保洁服务 under 1 服务标准与规范) */
      for (var a = outerStep(e[0]); /^step-/.test(a); a = outerStep(a)) {
        if (steps[a]) steps[a].titleWords.forEach(function (w) { doc.outer.add(w) })
      }
      steps[e[0]] = doc
    })
  })
}

/* The anchor of the step a step stands under: step-1-2-1 → step-1-2 → step-1 → step (none). */
function outerStep(anchor) { return anchor.replace(/-[^-]+$/, "") }

/* A title without the words that only say its kind, one ending after another while three or more
   characters remain: 住户求助服务管理标准作业规程 → 住户求助服务管理, 住户求助服务, 住户求助 (words.TITLE_TAILS). */
function topics(title) {
  var out = [], t = title, cut = true
  while (cut) {
    cut = false
    for (var i = 0; i < H.tails.length; i++) {
      var tail = H.tails[i]
      if (t.length - tail.length >= 3 && t.slice(-tail.length) === tail) {
        t = t.slice(0, -tail.length); out.push(t); cut = true; break
      }
    }
  }
  return out
}

/* The kinds of page the query names (复印多少钱: a price list; 住户求助登记: a form), Kind.search_cues (generator/model/kinds.py). */
function cuedKinds(flat) {
  var out = new Set()
  var unit = /^[0-9]+(?:\.[0-9]+)?(.+)$/.exec(flat)  /* a quantity alone (50元, 24小时): Kind.search_quantity */
  if (unit && H.units.indexOf(unit[1]) >= 0) H.quantity.forEach(function (kind) { out.add(kind) })
  var found = []  /* [kind, start, end] */
  Object.keys(H.cues).forEach(function (kind) {
    H.cues[kind].forEach(function (cue) {
      var at = flat.lastIndexOf(cue)
      if (at >= 0 && (cue.length > 1 || (flat.length > 1 && at === flat.length - 1))) found.push([kind, at, at + cue.length])
    })
  })
  found.forEach(function (f) {  /* a cue inside a longer one asks for nothing (表 of 收费表: a price list, no form) */
    if (!found.some(function (o) { return o[1] <= f[1] && f[2] <= o[2] && o[2] - o[1] > f[2] - f[1] })) out.add(f[0])
  })
  return out
}

/* The kinds of page a query word asks for by itself (多少钱: price_list), or []. */
function kindsAsked(word) {
  return Object.keys(H.cues).filter(function (kind) { return H.cues[kind].indexOf(word) >= 0 })
}

function pairs(text) {
  var out = new Set(), t = text.replace(/[^0-9a-z\u3400-\u9fff]/g, "")
  for (var i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2))
  return out
}

/* What a page's best entry (section, step, price item) counts for next to the page's own match: a
   document named after the query comes before a long list one of whose items holds the words. */
var ENTRY_SHARE = 0.6

/* A query that equals a title's topic (TITLE_TAILS removed) or its last words (便民服务 of 有偿便民服务):
   less than the whole title, more than a title word; times the kind's boost, so 住户求助 and 便民服务
   find the procedure that governs the topic before the forms named after it. */
var TOPIC_EXACT = 40

/* A page of the kind the query names (Kind.search_cues: 多少钱 → a price list) counts this much more. */
var CUED = 1.4

/* The query as written in an entry's text (a phrase): as much as a rare word found there. */
var PHRASE = 5

/* A query word inside a longer title word (车位 in 租用车位登记表): more than the word in the text. */
var TITLE_PART = 1.6

/* --- query -------------------------------------------------------------------------------------- */

function simplify(text) {
  var out = ""
  for (var i = 0; i < text.length; i++) out += H.t2s.get(text[i]) || text[i]
  return out
}

/* A Traditional edition's text, or any table of words, folded to Simplified character by character
   (same length: a word found in the copy stands at the same place in the text); else as it is. */
function folded(value) {
  if (!H.fold) return value
  if (typeof value === "string") return simplify(value)
  if (Array.isArray(value)) return value.map(folded)
  if (value && typeof value === "object") {
    var out = Object.getPrototypeOf(value) ? {} : Object.create(null)
    Object.keys(value).forEach(function (k) { out[simplify(k)] = folded(value[k]) })
    return out
  }
  return value
}

/* Forbidden spellings (glossary variants) replaced by the term, wherever they stand in the query. */
function rewrite(query) {
  Object.keys(H.rewrite).sort(function (a, b) { return b.length - a.length }).forEach(function (v) {
    query = query.split(v).join(H.rewrite[v])
  })
  return query
}

/* Chinese numerals before a unit as digits (五十元 → 50元, 二十四小时 → 24小时), as the sources write them. */
var DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
var TENS = {"十": 10, "百": 100, "千": 1000}
var NUMERAL = /[零一二两三四五六七八九十百千]+(?=个?(?:小时|分钟|天|日|元|工作日|月|年|次|人|米|件|周|岁|层))/g
function arabic(query) {
  return query.replace(H.numeral,
    function (numeral) {
      var total = 0, current = 0
      for (var i = 0; i < numeral.length; i++) {
        var c = numeral[i]
        if (c in H.digit) current = H.digit[c]
        else { total += (current || 1) * TENS[c]; current = 0 }
      }
      return String(total + current)
    })
}

/* A quantity in digits as the sources may write it: in Chinese numerals (5分钟 → 五分钟; 2日 → 二日,
   两日; 1 to 99), and a day as 天 or 日 (2天 → 2日, 两日), or []: the index keeps what they write. */
function spelt(word) {
  var m = /^([1-9][0-9]?)([^0-9.]+)$/.exec(word)
  if (!m || H.units.indexOf(m[2]) < 0) return []
  var n = +m[1], ones = "零一二三四五六七八九", out = []
  var cn = (n >= 20 ? ones[Math.floor(n / 10)] : "") + (n >= 10 ? "十" : "") + (n % 10 || n < 10 ? ones[n % 10] : "")
  var units = { "天": ["天", "日"], "日": ["日", "天"] }[m[2]] || [m[2]]
  units.forEach(function (u) {
    out.push(m[1] + u, cn + u)
    if (n === 2) out.push(simplify("两") + u)  /* a Traditional edition's worker reads 兩: its index words are Simplified */
  })
  return out.filter(function (w) { return w !== word })
}

/* Whether the text holds the word, a number not as the end of a longer one (5分钟 is not in 15分钟). */
function holds(text, word) {
  var numeric = /^[0-9.]/.test(word)
  for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!numeric || at === 0 || !/[0-9.]/.test(text[at - 1])) return true
  }
  return false
}

/* The query cut as the index is, except that a synonym's key or a filler phrase (多少钱, 堵了, 怎么办)
   the dictionary does not know stays whole, unless it lies inside a longer word of the cut. */
function cutQuery(query) {
  var toks = segment(query), spans = [], at = 0
  toks.forEach(function (t) {
    var k = query.indexOf(t, at)
    if (k < 0) k = at
    spans.push([k, k + t.length, t]); at = k + t.length
  })
  var taken = []
  H.keys.forEach(function (key) {
    for (var from = query.indexOf(key); from >= 0; from = query.indexOf(key, from + key.length)) {
      var s = from, e = from + key.length
      var overlaps = taken.some(function (t) { return s < t[1] && t[0] < e })
      var inside = spans.some(function (p) { return p[0] <= s && e <= p[1] && p[1] - p[0] > key.length })
      if (!overlaps && !inside) taken.push([s, e, key])
    }
  })
  var items = spans.filter(function (p) { return !taken.some(function (t) { return p[0] < t[1] && t[0] < p[1] }) })
  return joinLone(items.concat(taken).sort(function (a, b) { return a[0] - b[0] }))
}

/* The words of the cut ([start, end, word] in query order), with adjacent lone characters joined
   where together they begin an index word: 打架 is no word of the browser's dictionary, which holds
   打架斗殴 only, so the cut gives 打 + 架; joined, it finds 打架斗殴 as a partial word. Joined too where
   a text holds them together (中修 of 车辆中修). (Not inside a word: 用车 is no phrase of 租用车位.) */
function joinLone(spans) {
  var out = []
  for (var i = 0; i < spans.length; i++) {
    var j = i, piece = spans[i][2]
    if (lone(spans[i])) while (j + 1 < spans.length && lone(spans[j + 1]) && spans[j + 1][0] === spans[j][1]) j++
    for (; j > i; j--) {  /* the longest run from i that begins an index word */
      piece = spans.slice(i, j + 1).map(function (p) { return p[2] }).join("")
      if (H.prefixes.has(piece) || written(piece)) break
    }
    out.push(j > i ? piece : spans[i][2])
    i = j
  }
  return out
}

/* Whether some entry's text or title holds the piece as written, at a word's edge (中修 in 车辆中修,
   cut 车辆 + 中 + 修: no index word; not 用车 in 租用车位). */
function written(piece) {
  var known = H.written.get(piece)
  if (known === undefined) {
    known = H.docs.some(function (d) { return inWords(d.text, piece) || inWords(d.title, piece) })
    H.written.set(piece, known)
  }
  return known
}

function lone(span) { return span[2].length === 1 && HAN.test(span[2]) && !STOP[span[2]] }


/* Index words one character away from a query of two or more Han characters that the index does
   not hold as a word nor as a synonym's key (会以室 → 会议室, 特约服物 → 特约服务, 投述 → 投诉): typos.
   Of two characters, one is half the word: only a character that sounds the same (出纳 is no 出租). */
function nearWords(flat) {
  if (flat.length < 2 || flat.length > 10 || H.post.has(flat) || H.synonyms[flat] || kindsAsked(flat).length ||
      !/^[\u3400-\u9fff]+$/.test(flat)) return []  /* a kind's cue is no typo (收费表 is not 收费员) */
  return oneAway(flat).filter(function (n) { return n.sound || flat.length > 2 }).slice(0, 8).map(function (n) { return n.word })
}

/* The index words of the piece's length that differ from it in one character: those whose different
   character sounds like the typed one first (pinyin input: 安全圆 → 安全员 before 安全处), then the
   words on most entries (投述 → 投诉 before 描述). [{word, sound}] */
function oneAway(piece) {
  var out = [], same = H.lengths.get(piece.length)
  if (!same) {
    same = []
    H.vocab.forEach(function (w) { if (w.length === piece.length) same.push(w) })
    H.lengths.set(piece.length, same)
  }
  for (var v = 0; v < same.length; v++) {
    var w = same[v], at = -1
    for (var i = 0; i < w.length; i++) if (w[i] !== piece[i]) { if (at >= 0) { at = -2; break } at = i }
    if (at >= 0) out.push({ word: w, sound: sameSound(w[at], piece[at]) })
  }
  return out.sort(function (a, b) { return b.sound - a.sound || H.post.get(b.word).length - H.post.get(a.word).length })
}

/* Whether two characters share a pinyin syllable (words.sounds: 员 and 圆, 龙 and 笼). */
function sameSound(a, b) {
  var x = H.sounds.get(a), y = H.sounds.get(b)
  if (!x || !y) return false
  for (var i = 0; i < x.length; i++) if (y.indexOf(x[i]) >= 0) return true
  return false
}

/* The query with its mistyped words put right (会议事预定 → 会议室预定, 水笼头漏水 → 水龙头漏水), or "":
   around each character the cut leaves alone, the longest piece of three to six Han characters that is
   no index word but one character away from one whose different character sounds the same (from four
   characters on, any character: the word on most entries). */
function corrected(query, words) {
  var fixes = [], at = 0
  words.forEach(function (t) {
    var k = query.indexOf(t, at)
    if (k < 0) return
    at = k + t.length
    if (t.length !== 1 || !HAN.test(t) || STOP[t] || fixes.some(function (f) { return f[0] <= k && k < f[1] })) return
    for (var len = 6; len >= 3; len--) {
      for (var s = Math.max(0, k - len + 1); s <= k && s + len <= query.length; s++) {
        var piece = query.slice(s, s + len)
        if (!/^[\u3400-\u9fff]+$/.test(piece) || H.post.has(piece)) continue
        var best = oneAway(piece)[0]
        if (best && (best.sound || len >= 4) && !fixes.some(function (f) { return s < f[1] && f[0] < s + len })) {
          fixes.push([s, s + len, best.word])
          return
        }
      }
    }
  })
  if (!fixes.length) return ""
  fixes.sort(function (a, b) { return b[0] - a[0] })
  fixes.forEach(function (f) { query = query.slice(0, f[0]) + f[2] + query.slice(f[1]) })
  return query
}

/* The query's Han words re-cut from the end with the longest words the index holds (租车+位 → 租+车位,
   需 + 求单 → 需求 + 单): where the frequency route leaves a single character, this other reading is
   scored too and the better one counts (the index was cut with more words than it ships). */
function longestCut(words) {
  var out = [], run = ""
  function flush() {
    var piece = [], end = run.length
    while (end > 0) {
      var start = Math.max(0, end - H.maxLen)
      while (start < end - 1 && !H.post.has(run.slice(start, end))) start++
      piece.unshift(run.slice(start, end)); end = start
    }
    out.push.apply(out, piece); run = ""
  }
  words.forEach(function (w) {
    if (HAN.test(w[0]) && !H.synonyms[w] && !STOP[w] && (w.length === 1 || H.post.has(w))) run += w  /* joined: whole */
    else { flush(); out.push(w) }
  })
  flush()
  return out
}

/* The index words inside a Han compound of three or more characters (停车位 → 停车, 车位): a page
   that has only a shorter word still matches, lower. */
function parts(word) {
  var out = []
  if (word.length < 3 || word.length > 12 || !/^[\u3400-\u9fff]+$/.test(word)) return out
  for (var i = 0; i < word.length; i++) {
    for (var j = i + 2; j <= word.length; j++) {
      var p = word.slice(i, j)
      if (p !== word && H.post.has(p) && out.indexOf(p) < 0) out.push(p)
    }
  }
  return out
}

/* The query with each word that has synonyms replaced by them, one at a time (保安职责 → 安全员职责):
   a title is compared with each, as with the query itself. */
function variants(flat, list) {
  var out = [{ name: flat, f: 1 }].concat((H.synonyms[flat] || []).map(function (s) { return { name: s, f: 1 } }))
  list.forEach(function (t) {
    t.same.slice(1).forEach(function (s, k) {  /* the first synonym is the likeliest meaning */
      if (out.length < 16) out.push({ name: flat.split(t.word).join(s), f: Math.max(0.5, 0.9 - 0.1 * k), cue: t.cue.length > 0 })
    })
  })
  return out
}

/* Query words, each with the index words it stands for: itself, synonyms, longer words holding it. */
function terms(words) {
  var kept = words.filter(function (w) { return !STOP[w] })
  if (kept.length) words = kept
  var seen = new Set()
  return sameMeaning(words.filter(function (w) { return !seen.has(w) && seen.add(w) }).map(function (w) {
    var same = [w].concat(H.synonyms[w] || [], spelt(w))
    var partial = []
    if (w.length > 1 || !HAN.test(w) || !H.post.has(w)) {
      for (var v = 0; v < H.vocab.length && partial.length < 400; v++) {
        var word = H.vocab[v]
        if (word !== w && same.some(function (s) { return holds(word, s) })) partial.push(word)
      }
    }
    var df = 0, cue = kindsAsked(w)
    if (cue.length) df = 0  /* it asks for a kind of page: weighs as much wherever its word is common (价格) */
    else if (same.length === 1 && w.length === 1 && HAN.test(w)) df = charDf(w)  /* 有, 人: rare as a word, not as a character */
    else same.forEach(function (s) { df += (H.post.get(s) || []).length })
    return { word: w, same: same, partial: partial, parts: parts(w), cue: cue,
             weight: Math.log(1 + H.docs.length / (1 + df)) + (w.length > 1 ? 1 : 0.3) }
  }))
}

/* Query words that stand for the same index word are one term (坏了 and 修 of 车坏了找谁修 both mean
   维修): counted once, so a page holding 维修 alone does not cover two thirds of the query. */
function sameMeaning(list) {
  var out = []
  list.forEach(function (t) {
    var twin = out.filter(function (o) { return o.same.some(function (s) { return t.same.indexOf(s) >= 0 }) })[0]
    if (!twin) return out.push(t)
    twin.same = twin.same.concat(t.same.filter(function (s) { return twin.same.indexOf(s) < 0 }))
    twin.partial = twin.partial.concat(t.partial.filter(function (s) { return twin.partial.indexOf(s) < 0 }))
    twin.weight = Math.max(twin.weight, t.weight)
  })
  return out
}

/* The entries holding a character anywhere, inside words too (counted once per character): a lone
   character of a query (有 of 有人晕倒) is as rare as the character, not as the one-character word. */
function charDf(c) {
  var n = H.chars.get(c)
  if (n === undefined) {
    n = 0
    for (var i = 0; i < H.docs.length; i++) if (H.docs[i].text.indexOf(c) >= 0 || H.docs[i].title.indexOf(c) >= 0) n++
    H.chars.set(c, n)
  }
  return n
}

/* What of a term a longer word holds, to mark: the word itself, else the synonym (报纸 → 报刊 in 报刊杂志). */
function held(t, longer) {
  return t.same.filter(function (s) { return longer.indexOf(s) >= 0 })[0] || t.word
}

function score(doc, list, query, near, alike, wanted) {  /* alike: variants() of the query; wanted: cuedKinds() */
  /* a word asking for a kind of page (多少钱: a price list) means its synonyms (收费) only there: 复印多少钱
     is no title match for the ledger 打字复印收费台账 */
  var kind = H.docs[doc.page].kind, foreign = wanted.size > 0 && !wanted.has(kind)
  if (foreign) {
    list = list.map(function (t) { return t.cue.length ? Object.assign({}, t, { same: [t.word], partial: [] }) : t })
    alike = alike.filter(function (a) { return !a.cue })
  }
  var total = 0, matched = 0, all = 0, found = {}, whole = 0, named = false  /* whole: query words found as words */
  var flat = query.replace(/\s+/g, "")
  /* a document's own title weighs most; an entry (step, item) takes its page's title and the titles of
     the steps it stands under as context, so a page named after the query's noun outranks a long list
     one of whose items holds it, and 保洁服务标准 finds 1.2 保洁服务 under 1 服务标准与规范 */
  var page = H.docs[doc.page], own = doc.isPage ? 3 : 2
  list.forEach(function (t) {
    var best = 0, hit = ""
    t.same.forEach(function (s, k) {
      var f = k ? 0.9 : 1
      if (doc.titleWords.has(s) && own * f > best) { best = own * f; hit = s; named = true }
      else if (!doc.isPage && (page.titleWords.has(s) || doc.outer.has(s)) && 2.5 * f > best) { best = 2.5 * f; hit = s }
      else if (doc.words.has(s) && 1.5 * f > best) { best = 1.5 * f; hit = s }
    })
    if (best) whole++
    if (!best) {
      for (var p = 0; p < t.partial.length; p++) {
        var w = t.partial[p]
        if (doc.title.indexOf(w) >= 0 || page.title.indexOf(w) >= 0) {  /* 装修 in the title word 装修申报登记流程: found as a word */
          best = TITLE_PART; hit = held(t, w); whole++; break
        }
        if (!best && doc.words.has(w)) { best = 0.6; hit = held(t, w) }
      }
    }
    if (!best) {  /* a synonym spelt whole inside a title word (物业服务费 of 物业费 in …物业服务费收费标准) */
      var within = t.same.slice(1).filter(function (w) { return w.length > 1 && doc.title.indexOf(w) >= 0 })[0]
      if (within) { best = TITLE_PART * 1.25; hit = within }  /* more than a part of the word, less than it whole */
    }
    if (!best && (doc.title.indexOf(t.word) >= 0 || page.title.indexOf(t.word) >= 0)) {
      best = 1.2; hit = t.word  /* inside a title word (单 in 客户需求处理单, 灯 in 日光灯): as partial words */
    }
    if (!best && t.word.length > 1 && holds(doc.text, t.word)) { best = 0.5; hit = t.word }
    if (!best && t.parts.length) {  /* only the shorter words of a compound: each counts a share */
      var share = 0, part = ""
      t.parts.forEach(function (w) {
        var f = doc.title.indexOf(w) >= 0 ? TITLE_PART : doc.words.has(w) ? 0.6 : 0  /* as partial words */
        /* the compound's head (its last word: 车位 of 停车位) names the same kind of thing: a whole share */
        var head = t.word.slice(-w.length) === w
        if (f) { share = Math.max(share, head ? f : 0) + (head ? 0 : f / t.parts.length); part = part || w }
      })
      if (share) { best = Math.min(share, TITLE_PART); hit = part }
    }
    if (!best) {  /* a synonym's characters in the text (水喉 → 水龍頭 of an index cut by character) */
      var spelling = t.same.filter(function (w) { return w.length > 1 && holds(doc.text, w) })[0]
      if (spelling) { best = 0.5; hit = spelling }
    }
    if (best < 1.5 && t.cue.indexOf(kind) >= 0 && wanted.has(kind)) best = 1.5  /* the page is what the word asks for (急救 流程: a procedure) */
    if (hit || !t.cue.length) found[t.word] = hit
    all += t.weight
    if (best) { matched += t.weight; total += t.weight * best }
  })
  /* the query as written (no space: one phrase) stands in the text at a word's edge (中修 in 车辆中修;
     生料带, though the index cuts 生料 + 带): every word is found, and the whole is what gets marked */
  if (flat === query && flat.length > 1 && HAN.test(flat) && (inWords(doc.text, flat) || inWords(doc.title, flat))) {
    matched = all; total += PHRASE; found[flat] = flat
  }
  var coverage = all ? matched / all : 0  /* by weight: a lone frequent character counts less */
  var s = total * (0.15 + coverage * coverage)
  var names = [flat].concat(H.synonyms[flat] || [])
  alike.forEach(function (a) {  /* a word replaced by its synonym may spell another title (客服主管 → 客户服务中心主管) */
    if (names.indexOf(a.name) < 0) names = names.concat([a.name], H.synonyms[a.name] || [])
  })
  var exact = names.indexOf(doc.title)
  var topic = doc.isPage && names.some(function (n) { return aboutTopic(doc, n) })
  if (doc.isPage && exact >= 0) s += 100 - 15 * Math.min(exact, 4)
  else if (topic) s += TOPIC_EXACT * doc.boost
  else if (doc.isPage && flat.length > 1 && inWords(doc.title, flat)) s += 20 + 10 * flat.length / doc.title.length
  else if (flat.length > 1 && inWords(doc.title, flat)) s += 4
  if (doc.isPage && flat.length > 2 && !foreign) {  /* a page of another kind than asked is not the one named */
    var dice = 0
    ;[doc.title].concat(doc.topics.slice(-1)).forEach(function (t) {  /* the title or its topic, the closer */
      var tp = pairs(t)
      alike.forEach(function (a) {  /* the query, its synonyms' spellings */
        var q = pairs(a.name), common = 0
        q.forEach(function (p) { if (tp.has(p)) common++ })
        dice = Math.max(dice, a.f * 2 * common / (q.size + tp.size || 1))
      })
    })
    if (dice >= 0.5) s += 30 * dice
  }
  for (var n = 0; n < near.length; n++) {  /* a typo: the word it most likely meant */
    if (doc.isPage && doc.title === near[n]) { s += 60; break }
    if (doc.titleWords.has(near[n]) || doc.title.indexOf(near[n]) >= 0) {
      s += doc.isPage ? 25 : 12; found[near[n]] = near[n]; break
    }
    if (doc.words.has(near[n])) { s += 3; found[near[n]] = near[n]; break }
  }
  s *= doc.boost > 1 ? 1 + (doc.boost - 1) * 0.1 : 1
  if (doc.isPage) s *= 1.2
  return { score: s, found: found, full: whole === list.length, named: named && !doc.isPage }
}

/* Whether a title's topic is the name or ends in it after a whole word (有偿便民服务: 便民服务). */
function aboutTopic(doc, name) {
  return doc.topics.some(function (t) {
    return t === name || (name.length > 1 && t.slice(-name.length) === name && inWords(t, name))
  })
}

/* Whether the query stands in the title as a run of its words at least at one end: 用车 is not in
   租用车位登记表 (租用 + 车位: cut on both sides), 需求处理 is in 客户需求处理单. */
function inWords(title, flat) {
  var at = title.indexOf(flat)
  if (at < 0) return false
  var edges = H.edges.get(title)
  if (!edges) {
    edges = new Set([0])
    segment(title).reduce(function (end, w) { end = title.indexOf(w, end) + w.length; edges.add(end); return end }, 0)
    H.edges.set(title, edges)
  }
  for (; at >= 0; at = title.indexOf(flat, at + 1)) if (edges.has(at) || edges.has(at + flat.length)) return true
  return false
}

function candidates(list, query) {
  var ids = new Set()
  function add(words) {
    words.forEach(function (w) { (H.post.get(w) || []).forEach(function (i) { ids.add(i) }) })
  }
  function holding(text) {  /* plain text search: the entries whose text or title holds it */
    H.docs.forEach(function (d) { if (d.text.indexOf(text) >= 0 || d.title.indexOf(text) >= 0) ids.add(d.i) })
  }
  list.forEach(function (t) {
    add(t.same); add(t.partial); add(t.parts)
    /* no text holds it as a word: those holding its characters (打架 in 打架斗殴; a Traditional
       edition's index, cut mostly by character) */
    t.same.forEach(function (w) { if (w.length > 1 && !H.post.has(w)) holding(w) })
  })
  pairs(query).forEach(function (p) { (H.bigrams.get(p) || []).forEach(function (i) { ids.add(i) }) })
  if (!ids.size && query.length > 1) holding(query)  /* a word that the cut does not know */
  return ids
}

/* The texts are numbers of vocab tokens (pack.py): digits are printable ASCII but for quote, backslash, < > &;
   the first 60 end a number, the other 30 lead it (bijective base 30 before the last digit). */
var DIGITS = (function () {
  var d = {}, n = 0
  for (var c = 0x20; c < 0x7f; c++) if ("\"\\<>&".indexOf(String.fromCharCode(c)) < 0) d[c] = n++
  return d
})()

function unpack(vocab, codes) {
  return codes.map(function (code) {
    var out = [], q = 0
    for (var i = 0; i < code.length; i++) {
      var k = DIGITS[code.charCodeAt(i)]
      if (k >= 60) q = q * 30 + (k - 60) + 1
      else { out.push(vocab[q * 60 + k]); q = 0 }
    }
    return out.join("")
  })
}

function unescapeHTML(text) {
  return text.replace(/&(lt|gt|quot|#x27|#39|amp);/g, function (_, e) {
    return { lt: "<", gt: ">", quot: "\"", "#x27": "'", "#39": "'", amp: "&" }[e]
  })
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]
  })
}

/* The text as HTML with the hits marked: matched on the text itself (a Traditional edition's on its
   Simplified copy, whose places are the text's), every piece then escaped, so a hit never lands
   inside an entity (a step reading "&amp;" searched for "amp"). */
function mark(text, hits) {
  var re = hitPattern(hits)
  if (!re) return escapeHTML(text)
  var out = "", at = 0, m, copy = folded(text)
  while ((m = re.exec(copy))) {
    out += escapeHTML(text.slice(at, m.index)) + "<mark>" + escapeHTML(text.substr(m.index, m[0].length)) + "</mark>"
    at = m.index + m[0].length
  }
  return out + escapeHTML(text.slice(at))
}

/* The hits without those inside a longer hit. */
function outermost(hits) {
  return hits.filter(function (h) { return !hits.some(function (o) { return o.length > h.length && o.indexOf(h) >= 0 }) })
}

/* The hits worth marking: a lone character marks every place it stands on the page, so beside a
   longer word only one the title holds (租 of 租车位 in 租用车位登记表; not 中 and 批 of 车辆中修谁批),
   and alone none that a tenth of the entries hold (不 of 灯不亮) while another is left. */
function telling(hits, title) {
  var single = function (w) { return w.length === 1 && HAN.test(w) }
  if (hits.some(function (w) { return !single(w) })) {
    return hits.filter(function (w) { return !single(w) || title.indexOf(w) >= 0 })
  }
  var rare = hits.filter(function (w) { return charDf(w) * 10 <= H.docs.length })
  return rare.length ? rare : hits
}

/* The highlight terms of a result (word → found on the page, or false: missing) spelt as the reader
   sees them: in a Traditional edition each word as it stands on the page (its first place in the
   entry, else anywhere on the page: the theme marks these words there) or, missing, as typed. */
function asOnPage(terms, doc, typed) {
  if (!H.fold) return terms
  var out = {}, page = H.docs[doc.page], docs = [doc, page]
  for (var i = page.i + 1; i < H.docs.length && !H.docs[i].isPage; i++) docs.push(H.docs[i])
  typed = normalize(typed)
  Object.keys(terms).forEach(function (w) {
    var word = terms[w] ? onPage(w, docs) : inText(w, folded(typed), typed)
    out[word || w] = terms[w]
  })
  return out
}

function onPage(word, docs) {
  for (var i = 0; i < docs.length; i++) {
    var d = docs[i], at = inText(word, d.title, d.d.title) || inText(word, d.text, d.d.text)
    if (at) return at
  }
  return ""
}

/* The word as ``text`` spells it where ``copy`` (its folded, normalised copy) holds it, or "" (a
   number and its unit written apart, 「24 小時」, spell 24小時). */
function inText(word, copy, text) {
  var m = hitPattern([word]).exec(copy)
  return m ? text.substr(m.index, m[0].length).replace(/ +/g, "") : ""
}

/* An entry's title as a result shows it: a step without a title of its own (its number only, 8.4)
   gets the first clause of its text, so a phone shows what the step is about. */
function shownTitle(d) {
  if (!/^[0-9][0-9.\-\u2460-\u2473]*$/.test(d.title)) return d.title
  var clause = d.text.split(/[，。；：,;:]/)[0]
  return d.title + " " + (clause.length > 20 ? clause.slice(0, 20) + "…" : clause)
}

/* The hits as one pattern, longest first; a number and its unit may stand apart in the text as the
   sources write them (50元 marks "50 元" of a table, as the cut reads both as 50元). */
function hitPattern(hits) {
  var words = hits.filter(Boolean).sort(function (a, b) { return b.length - a.length })
  if (!words.length) return null
  return new RegExp(words.map(function (h) {
    return h.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/^([0-9][0-9.%\\]*)(?=[^0-9.%\\])/, "$1 *")
  }).join("|"), "gi")
}

/* A short excerpt of the text around its first hit (about 60 characters: two lines on a phone). */
function excerpt(text, hits) {
  var re = hitPattern(hits), m = re && re.exec(folded(text)), at = m ? m.index : -1
  var start = Math.max(0, at - 16), end = Math.min(text.length, start + 60)
  return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "")
}

/* A query longer than this is a pasted text: its first characters are searched (the work grows with
   the length; 120 characters took 1 s at 1000 procedures). */
var MAX_QUERY = 64

function search(raw) {
  var query = normalize(simplify(raw.slice(0, MAX_QUERY).replace(/[*+~^:]/g, " "))).trim()
  if (!query) return { items: [] }
  query = arabic(rewrite(query))
  var flat = query.replace(/\s+/g, ""), near = nearWords(flat), cut = cutQuery(query), other = longestCut(cut)
  var readings = [cut].concat(other.join("|") === cut.join("|") ? [] : [other]).map(function (words) {
    var list = terms(words)
    return { list: list, alike: variants(flat, list), query: query }
  })
  var fixed = corrected(query, cut)
  if (fixed) {  /* the query as meant is one more reading; its words also count as a typo's */
    var list = terms(cutQuery(fixed)), fixedFlat = fixed.replace(/\s+/g, "")
    readings.push({ list: list, alike: variants(fixedFlat, list), query: fixed })
    near = near.concat(list.map(function (t) { return t.word }).filter(function (w) { return w.length > 2 && flat.indexOf(w) < 0 }))
  }
  var groups = new Map(), ids = new Set(), wanted = cuedKinds(flat)
  readings.forEach(function (r) { candidates(r.list, flat).forEach(function (i) { ids.add(i) }) })
  near.forEach(function (w) { (H.post.get(w) || []).forEach(function (i) { ids.add(i) }) })
  ids.forEach(function (i) {
    var doc = H.docs[i], r = null
    readings.forEach(function (reading) {
      var one = score(doc, reading.list, reading.query, near, reading.alike, wanted)
      if (!r || one.score > r.score) r = one
    })
    if (r.score <= 0) return
    var g = groups.get(doc.page)
    if (!g) groups.set(doc.page, g = { best: 0, named: 0, hits: [], full: false })
    g.hits.push({ doc: doc, score: r.score, found: r.found })
    if (r.score > g.best) g.best = r.score
    if (r.named && r.score > g.named) g.named = r.score
    g.full = g.full || r.full
  })
  groups.forEach(function (g, page) {  /* a page whose own title and card match ranks above one that only mentions it */
    var own = g.hits.filter(function (h) { return h.doc.isPage })[0], ownScore = own ? own.score : 0
    var cued = wanted.has(H.docs[page].kind)  /* the kind asked for: an item named by the query answers it (复印 of a price list) */
    g.rank = (Math.max(ownScore, ENTRY_SHARE * g.best, cued ? g.named : 0) + 0.3 * ownScore) * (cued ? CUED : 1)
  })
  /* A page boosted below 1 (a planned title, an obsolete document) comes after every other match,
     unless it holds every query word: then right after the last written page that holds them all,
     before pages that hold only some (装修申报 finds the planned 装修申报登记流程 above 会议申报单). */
  var lowest = Infinity
  groups.forEach(function (g, page) { if (g.full && H.docs[page].boost >= 1) lowest = Math.min(lowest, g.rank) })
  groups.forEach(function (g, page) {
    var b = H.docs[page].boost
    g.tier = b >= 1 || g.full ? 1 : b
    if (b < 1 && g.full) g.rank = Math.min(g.rank, lowest) * (1 - 0.01 * (1 - b))  /* obsolete below planned */
  })
  var ranked = Array.from(groups.entries()).sort(function (a, b) { return b[1].tier - a[1].tier || b[1].rank - a[1].rank })
  var items = ranked.slice(0, 60).map(function (entry) {
    var g = entry[1], pageDoc = H.docs[entry[0]]
    g.hits.sort(function (a, b) { return b.score - a.score })
    var pageHit = g.hits.filter(function (h) { return h.doc.isPage })[0]
    var children = g.hits.filter(function (h) { return !h.doc.isPage }).slice(0, 4)
    var top = g.hits[0]
    var shown = children.length ? children[Math.min(2, children.length - 1)].score : g.best  /* 3 shown, more folded */
    function item(h, doc, asPage) {
      var found = h ? h.found : top.found, hits = [], termsOut = {}
      /* the page's link highlights every word found on the page (车辆 年检: 年检 is in its steps) */
      var sources = asPage ? [found].concat(g.hits.map(function (x) { return x.found })) : [found]
      sources.forEach(function (f) { Object.keys(f).forEach(function (w) { if (f[w] && hits.indexOf(f[w]) < 0) hits.push(f[w]) }) })
      hits = outermost(hits)  /* 气 of 燃气热水气 is not marked everywhere once 燃气 and 热水器 are */
      hits = telling(hits, doc.title + " " + pageDoc.title)
      hits.forEach(function (w) { termsOut[w] = true })
      Object.keys(found).forEach(function (w) {  /* what no entry of the page holds: 「缺少」 */
        if (!termsOut[w] && !sources.some(function (f) { return f[w] })) termsOut[w] = false
      })
      if (!hits.length) {  /* found by title likeness or a typo: mark what of the query it holds, never an empty ?h= */
        var shared = [flat].concat(Array.from(pairs(flat))).filter(function (p) {
          return doc.title.indexOf(p) >= 0 || doc.text.indexOf(p) >= 0
        })[0] || flat
        termsOut = {}
        termsOut[shared] = true
        hits.push(shared)
      }
      termsOut = asOnPage(termsOut, doc, raw)
      return { location: doc.d.location, title: mark(shownTitle(doc.d), hits),
               text: asPage && !h ? "" : mark(excerpt(doc.d.text, hits), hits),
               score: asPage ? shown : h.score, terms: termsOut }
    }
    var head = item(pageHit, pageDoc, true)
    head.full = g.full  /* every query word found as a word (the theme ignores it; tests read it) */
    return [head].concat(children.map(function (h) { return item(h, h.doc, false) }))
  })
  return { items: items }
}

if (typeof addEventListener === "function") addEventListener("message", function (ev) {
  var message = ev.data
  if (message.type === 0) {
    setup(message.data)
    postMessage({ type: 1 })
  } else if (message.type === 2) {
    var result
    try { result = search(message.data) } catch (err) { console.warn(err); result = { items: [] } }
    postMessage({ type: 3, data: result })
  }
})

if (typeof module !== "undefined") module.exports = { setup: setup, segment: segment, search: search, unpack: unpack, folded: folded }
