/* The incident finder's ranking: which triggers a query finds, best first.
 *
 * One implementation: the site's finder widget and `handbook search` (through an embedded V8)
 * both run this file, over the same index data (escalation_handbook/render/finder.py). It
 * touches no DOM. MiniSearch (vendored) keeps the index and scores with BM25; this file says
 * what a word is: folded (case, accents, apostrophes: "can't" = "cant"), stemmed (Porter2:
 * "crashed" = "crash"), stop words dropped, and each word or phrase of a synonym group also
 * indexed as the group, so "nicked" finds "stolen". Tuning lives in `index.config.ranking`.
 *
 * API: HandbookFinder.create(index) → finder (the index's docs joined with their playbook and
 * pathway, `expand`); finder.search(text) → [{id, score, terms}].
 */
(function (root) {
  "use strict";

  var GROUP = "~"; // a group's token: no folded word starts with it

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/['\u2018\u2019\u02bc`\u00b4]/g, "");
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function Analyzer(config) {
    var stem = root.HandbookStem;
    var stopwords = {};
    (config.stopwords || []).forEach(function (w) { stopwords[fold(w)] = true; });
    var cache = {};
    this.stem = function (word) {
      if (!(word in cache)) cache[word] = /^\p{N}+$/u.test(word) ? word : stem(word);
      return cache[word];
    };
    this.isStop = function (word) { return stopwords[word] === true; };
    // group word (a stem) → group tokens; phrase → its stems and tokens, by first stem
    this.wordGroups = {};
    this.phrases = {};
    var self = this;
    function add(entries, tokensOf) {
      entries.forEach(function (entry) {
        var stems = words(entry).map(self.stem);
        if (!stems.length) return;
        var tokens = tokensOf();
        if (stems.length === 1) {
          var known = self.wordGroups[stems[0]] = self.wordGroups[stems[0]] || [];
          tokens.forEach(function (t) { if (known.indexOf(t) < 0) known.push(t); });
        } else {
          (self.phrases[stems[0]] = self.phrases[stems[0]] || []).push({ stems: stems, tokens: tokens });
        }
      });
    }
    var shipped = config.groups || [];
    shipped.forEach(function (group, index) {
      add(group, function () { return [GROUP + index]; });
    });
    // A handbook's group joins the shipped groups of its words: `meltdown: [ransomware]`
    // makes "meltdown" find whatever "ransomware" finds.
    (config.handbook_groups || []).forEach(function (group, index) {
      var tokens = [GROUP + "h" + index];
      group.forEach(function (entry) {
        var stems = words(entry).map(self.stem);
        if (stems.length === 1) {
          (self.wordGroups[stems[0]] || []).forEach(function (t) {
            if (tokens.indexOf(t) < 0) tokens.push(t);
          });
        }
      });
      add(group, function () { return tokens; });
    });
  }

  /* One line of text → [{word, stem, groups}] per word, stop words kept for phrases only.
     A phrase's group goes with its last word. */
  Analyzer.prototype.analyze = function (text) {
    var self = this;
    var list = words(text);
    var stems = list.map(this.stem);
    var out = stems.map(function (s, i) {
      return { word: list[i], stem: s, groups: (self.wordGroups[s] || []).slice(),
        stop: self.isStop(list[i]) };
    });
    stems.forEach(function (s, i) {
      (self.phrases[s] || []).forEach(function (phrase) {
        var n = phrase.stems.length;
        for (var k = 1; k < n; k += 1) {
          if (stems[i + k] !== phrase.stems[k]) return;
        }
        var last = out[i + n - 1];
        phrase.tokens.forEach(function (t) {
          if (last.groups.indexOf(t) < 0) last.groups.push(t);
        });
        last.stop = false;
      });
    });
    return out;
  };

  /* Index-side: every stem and group token of every line of a field, once each. A
     playbook's title and summary are a field of each of its triggers: analysed once. */
  Analyzer.prototype.terms = function (text) {
    var key = String(text);
    var cache = this.termsCache = this.termsCache || new Map();
    var known = cache.get(key);
    if (known) return known;
    var found = this.termsOf(key);
    if (key.length > 40) cache.set(key, found);
    return found;
  };

  Analyzer.prototype.termsOf = function (text) {
    var seen = {};
    var terms = [];
    function add(t) {
      if (!seen[t]) { seen[t] = true; terms.push(t); }
    }
    var self = this;
    String(text).split("\n").forEach(function (line) {
      self.analyze(line).forEach(function (w) {
        if (!self.isStop(w.word)) add(w.stem);
        w.groups.forEach(add);
      });
    });
    return terms;
  };

  /* The index writes what triggers share once (`playbooks`, `pathways`): join it into each
     doc, in place, as the finder's fields and cards read it. */
  function expand(index) {
    if (index.__expanded) return index;
    var playbooks = index.playbooks || {};
    var pathways = index.pathways || {};
    (index.docs || []).forEach(function (d) {
      var pb = playbooks[d.playbook_id] || {};
      var pw = typeof d.pathway === "string" ? pathways[d.pathway] || {} : d.pathway || {};
      d.playbook = pb.title || "";
      d.summary = pb.summary || "";
      d.playbook_url = pb.url;
      d.pathway = { name: pw.name, url: pw.url };
      d.acknowledge_within = pw.acknowledge_within || null;
      d.contacts_now = pw.contacts_now || [];
    });
    index.__expanded = true;
    return index;
  }

  function create(index) {
    expand(index);
    var config = index.config || {};
    var ranking = config.ranking || {};
    var analyzer = new Analyzer(config);
    var fields = ranking.fields;
    var fieldNames = Object.keys(fields);
    var ms = new root.MiniSearch({
      fields: fieldNames,
      storeFields: [],
      tokenize: function (text) { return analyzer.terms(text); },
      processTerm: function (term) { return term; },
      searchOptions: {
        tokenize: function (text) { return [text]; },
        processTerm: function (term) { return term; }
      }
    });
    var docs = index.docs || [];
    var byId = {};
    docs.forEach(function (d) { byId[d.id] = d; });
    ms.addAll(docs);
    // the synonym vocabulary, for a typo in a word that only a synonym group knows
    var vocabulary = new root.MiniSearch({
      fields: ["w"], idField: "w",
      tokenize: function (text) { return [text]; }, processTerm: function (t) { return t; }
    });
    vocabulary.addAll(Object.keys(analyzer.wordGroups).map(function (w) { return { w: w }; }));
    var levels = Math.max(1, (config.severity_count || 1) - 1);
    var severityWeight = ranking.severity;
    var synonymWeight = ranking.synonym;
    var coverage = ranking.coverage;
    var minRatio = ranking.min_ratio;
    var fuzzyMin = ranking.fuzzy_min_length;

    function search(text) {
      var typing = !/\s$/.test(String(text));
      var analyzed = analyzer.analyze(text).filter(function (w) { return !w.stop; });
      var subqueries = [];
      var wordOf = {};
      analyzed.forEach(function (w, i) {
        var last = typing && i === analyzed.length - 1;
        var groups = w.groups.slice();
        var fuzzy = w.stem.length >= fuzzyMin ? 1 : 0; // "hacked" is "hack": not "back"
        if (!groups.length && fuzzy) {
          vocabulary.search(w.stem, { fuzzy: 1 }).slice(0, 3).forEach(function (r) {
            (analyzer.wordGroups[r.id] || []).forEach(function (g) {
              if (groups.indexOf(g) < 0) groups.push(g);
            });
          });
        }
        subqueries.push({ queries: [w.stem], fuzzy: fuzzy, prefix: false });
        wordOf[w.stem] = i;
        if (last && w.word !== w.stem) {
          subqueries.push({ queries: [w.word], prefix: true, fuzzy: false });
          wordOf[w.word] = i;
        } else if (last) {
          subqueries[subqueries.length - 1].prefix = true;
        }
        groups.forEach(function (g) {
          subqueries.push({ queries: [g], fuzzy: false, prefix: false,
            boostTerm: function () { return synonymWeight; } });
          if (!(g in wordOf)) wordOf[g] = i;
        });
      });
      if (!subqueries.length) return [];
      var raw = ms.search({ combineWith: "OR", queries: subqueries },
        { boost: fields, weights: ranking.weights });
      var results = raw.map(function (r) {
        var matched = {};
        (r.queryTerms || []).forEach(function (t) {
          var key = t in wordOf ? wordOf[t] : t;
          matched[key] = true;
        });
        var share = Object.keys(matched).length / analyzed.length;
        var doc = byId[r.id];
        var rank = doc ? doc.rank : levels + 1;
        var score = r.score * Math.pow(share, coverage) *
          (1 + severityWeight * (levels + 1 - rank) / levels);
        return { id: r.id, score: score, terms: r.queryTerms, rank: rank };
      });
      results.sort(function (a, b) {
        return b.score - a.score || a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      if (results.length) {
        var floor = results[0].score * minRatio;
        results = results.filter(function (r) { return r.score >= floor; });
      }
      return results.map(function (r) {
        return { id: r.id, score: Math.round(r.score * 1000) / 1000, terms: r.terms };
      });
    }

    return { search: search, analyze: function (text) { return analyzer.analyze(text); } };
  }

  root.HandbookFinder = { create: create, expand: expand, fold: fold, words: words };
})(typeof globalThis !== "undefined" ? globalThis : this);
