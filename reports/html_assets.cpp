#include "reports/html_assets.h"

namespace rfcheck::reports {

const std::string_view kRunHtmlStyle = R"css(
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 80em; padding: 0.5em 1em 2em;
       color: #222; background: #fff; line-height: 1.4; }
h1 { font-size: 1.4em; margin: 0.4em 0 0.2em; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 0; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
.headline { font-size: 1.2em; font-weight: bold; padding: 0.4em 0.7em; border-radius: 4px; }
.headline.failed { background: #fdd; color: #900; }
.headline.incomplete, .headline.nothing-judged { background: #ffe9b3; color: #750; }
.headline.passed { background: #dfd; color: #060; }
.meta { color: #555; font-size: 0.9em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left;
         vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.totals { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
.v { font-weight: bold; font-size: 0.8em; padding: 0 0.35em; border-radius: 3px;
     white-space: nowrap; }
.v.fail, .v.error { background: #fdd; color: #900; }
.v.known { background: #eee; color: #555; }
.v.inconclusive, .v.skip { background: #ffe9b3; color: #750; }
.v.pass { background: #dfd; color: #060; }
.tag { font-size: 0.8em; background: #eef; color: #335; padding: 0 0.3em; border-radius: 3px; }
form#filters { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: end; padding: 0.6em;
               background: #f4f4f4; border-radius: 4px; position: sticky; top: 0; z-index: 1; }
form#filters label { display: flex; flex-direction: column; font-size: 0.8em; color: #555; }
form#filters input, form#filters select { font-size: 1rem; min-width: 8em; max-width: 100%; }
#shown { font-size: 0.9em; color: #555; }
article.case { border: 1px solid #ddd; border-left: 4px solid #c00; border-radius: 4px;
               margin: 0.8em 0; padding: 0.6em 0.8em; }
article.case.known { border-left-color: #999; }
article.case.inconclusive, article.case.skip { border-left-color: #d90; }
.case:target { outline: 3px solid #48f; }
.case { scroll-margin-top: 6em; }  /* below the sticky filter bar */
dl.detail { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15em 1em;
            margin: 0.5em 0; }
dl.detail dt { color: #666; font-size: 0.85em; }
dl.detail dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 40em) { dl.detail { grid-template-columns: minmax(0, 1fr); }
                           dl.detail dd { margin-bottom: 0.3em; }
                           table { font-size: 0.8em; } th, td { padding: 0.15em 0.3em; } }
blockquote { margin: 0.3em 0; padding-left: 0.8em; border-left: 3px solid #ccc; color: #444;
             font-style: italic; }
pre, code { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.server { background: #f6f6f6; }
table.transcript td { border-bottom: 1px solid #eee; }
table.transcript .sent pre { color: #036; }
table.transcript .data pre, table.transcript .event pre, table.transcript .note pre { color: #666; }
summary { cursor: pointer; }
ul.passed { list-style: none; padding: 0; }
ul.passed li { padding: 0.15em 0; border-bottom: 1px solid #eee; overflow-wrap: anywhere; }
footer { margin-top: 3em; color: #888; font-size: 0.8em; }
)css";

const std::string_view kRunHtmlScript = R"js(
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  var cases = Array.prototype.slice.call(document.querySelectorAll('.case'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.case-group'));

  function hasTag(el, tag) {
    return Array.prototype.some.call(el.querySelectorAll('.tag'), function (t) {
      return t.textContent === tag;
    });
  }
  // No ampersand or less-than sign in this script: the page stays well-formed XML, which the
  // tests check.
  function matches(el, f) {
    var verdict = el.getAttribute('data-verdict');
    if (f.verdict === 'not-pass') {
      if (verdict === 'pass') return false;
    } else if (f.verdict) {
      if (verdict !== f.verdict) return false;
    }
    if (f.level) {
      if (el.getAttribute('data-level') !== f.level) return false;
    }
    if (f.tag) {
      if (!hasTag(el, f.tag)) return false;
    }
    return !f.text || el.textContent.toLowerCase().indexOf(f.text) >= 0;
  }
  function apply() {
    var f = { verdict: form.elements.verdict.value, level: form.elements.level.value,
              tag: form.elements.tag.value,
              text: form.elements.text.value.trim().toLowerCase() };
    var count = 0;
    cases.forEach(function (el) {
      el.hidden = !matches(el, f);
      if (!el.hidden) count++;
    });
    // A heading over nothing would read as "no such cases" while they are only filtered out.
    groups.forEach(function (g) { g.hidden = !g.querySelector('.case:not([hidden])'); });
    shown.textContent = count + ' of ' + cases.length + ' cases shown';
  }
  // #case-ID: show that case even when a filter hid it, and open its transcript.
  function openTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id ? document.getElementById(id) : null;
    if (!el || !el.classList.contains('case')) return;
    if (el.hidden) { form.reset(); apply(); }
    Array.prototype.forEach.call(el.querySelectorAll('details'), function (d) { d.open = true; });
    el.scrollIntoView();
  }
  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  window.addEventListener('hashchange', openTarget);
  apply();
  openTarget();
})();
)js";

}  // namespace rfcheck::reports
