/*
 * The map's words: the payload's rows decoded into clinics with the texts they show, and a
 * clinic's popup as HTML. Loaded first of the map's scripts (see locator_map.js).
 *
 *   LocatorMapText.decodeRow(payload, texts, row)  a row as a clinic, with its shown texts
 *   LocatorMapText.popupHtml(clinic, texts, sites)  a clinic's popup; ``sites``: the other
 *                                            sites of its organization on the map
 *   LocatorMapText.esc(text)                 text escaped for HTML
 *   LocatorMapText.fmt(template, values)     a text from Python with its {name} fields filled
 *
 * Every word shown comes from the payload's ``texts`` (locator/presentation.py), and every
 * text from the registry is escaped before it reaches HTML.
 */
(function () {
  "use strict";

  function esc(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  /* A text from Python with its {name} fields filled in, as escaped HTML. */
  function fmt(template, values) {
    return esc(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? esc(values[name]) : whole;
    });
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function popupHtml(clinic, texts, sites) {
    var lines = ["<div class='locator-popup'><b>" + esc(clinic.name) + "</b>"];
    var unnamed = clinic.kind === "unnamed_provider";
    if (unnamed) { lines.push("<div><i>" + esc(texts.unnamed_note) + "</i></div>"); }
    var here = !clinic.served ? texts.same_place : unnamed ? texts.reported_here
      : texts.serves_here;
    var where = clinic.here ? fmt(here, { place: clinic.here })
      : clinic.distance ? fmt(texts.distance, { distance: clinic.distance }) : "";
    if (clinic.serves_origin && !(clinic.here && clinic.served)) { /* said just before */
      where += (where ? " · " : "") + esc(unnamed ? texts.reported_origin : texts.serves_origin);
    }
    if (clinic.street) { lines.push("<div>" + esc(clinic.street) + "</div>"); }
    if (where) { lines.push("<div>" + where + "</div>"); }
    if (clinic.drive) { lines.push("<div>" + esc(clinic.drive) + "</div>"); }
    lines.push("<div><i>" + esc(clinic.precision_note) + "</i></div>");
    lines.push("<div><span class='k'>" + esc(texts.treats) + "</span> " + esc(clinic.treats) +
      "</div>");
    lines.push("<div><span class='k'>" + esc(texts.offers) + "</span> " + esc(clinic.offers) +
      "</div>");
    var contact = [];
    if (clinic.phone) {
      /* the number as written, so that the one copied reads as Copy phone's does */
      contact.push("<a href='tel:" + esc(encodeURIComponent(clinic.phone)) +
        "' title='" + esc(texts.phone_tip) + "'>" + esc(clinic.phone) + "</a>");
    }
    var website = safeUrl(clinic.website);
    if (website) { /* says where it goes; locator opens it and says what it asked for */
      contact.push("<a href='" + esc(website) + "' title='" +
        fmt(texts.opens_url, { url: website }) + "'>" +
        fmt(texts.website, { host: clinic.host }) + "</a>");
    }
    if (unnamed && !contact.length) { /* no one to contact: a sentence, not a missing fact */
      lines.push("<div>" + esc(texts.no_one_to_contact) + "</div>");
    } else { /* a label beside its value, as Treats: and Offers: above */
      lines.push("<div><span class='k'>" + esc(texts.contact) + "</span> " +
        (contact.length ? contact.join(" · ") : esc(texts.not_listed)) + "</div>");
    }
    if (clinic.directions) { /* each service, the open one first, as the details offer them */
      lines.push("<div><span class='k'>" + esc(texts.directions) + "</span> " +
        clinic.services.map(function (service) {
          return "<a href='" + esc(service.url + clinic.directions) + "' title='" +
            esc(texts.directions_tip) + "'>" + esc(service.name) + "</a>";
        }).join(" · ") + "</div>");
    }
    if (sites && sites.length) {
      lines.push("<div class='sites'><span class='k'>" +
        fmt(clinic.served ? texts.other_places : texts.other_sites,
          { organization: clinic.org }) + "</span><ul>" +
        sites.map(function (site) {
          var about = [site.distance, site.site === 2 ? texts.outside_search : null]
            .filter(Boolean).map(esc).join(", ");
          return "<li>" + esc(site.place) + (about ? " (" + about + ")" : "") + "</li>";
        }).join("") + "</ul></div>");
    }
    lines.push("</div>");
    return lines.join("");
  }

  function termLabels(mask, labels, none) {
    var found = [];
    for (var i = 0; i < labels.length; i++) {
      if (mask & (1 << i)) { found.push(labels[i]); }
    }
    return found.length ? found.join(", ") : none;
  }

  /* A payload's row (an array in the order of payload.fields) as a clinic, with its shown
     texts. A page of 100,000 clinics decodes only those it makes markers for. */
  function decodeRow(payload, texts, row) {
    var fields = payload.fields || [];
    var notes = payload.precision_notes || {};
    var clinic = {};
    fields.forEach(function (name, i) { clinic[name] = row[i]; });
    clinic.precision = (payload.precisions || [])[clinic.precision] || clinic.precision;
    clinic.serves_origin = Boolean(clinic.serves_origin);
    clinic.services = payload.directions || []; /* where directions may come from */
    clinic.treats = termLabels(clinic.conditions, payload.conditions || [], texts.not_listed);
    clinic.offers = termLabels(clinic.treatments, payload.treatments || [], texts.not_listed);
    clinic.precision_note = notes[clinic.precision] || "";
    /* as locator.presentation.precision_note words it: "approximate: city centre (serves
       South Jordan, UT; Sandy, UT)", the places joined by the payload as the details join
       them; where no office is listed, the place it stands at */
    if (clinic.served) {
      clinic.precision_note = (clinic.kind === "unnamed_provider" ? texts.reported_note
        : texts.served_note).replace("{place}", function () { return clinic.served; });
    } else if (clinic.precision !== "address" && clinic.area) {
      clinic.precision_note += texts.serves_places.replace("{places}", function () {
        return clinic.area;
      });
    }
    return clinic;
  }

  window.LocatorMapText = { esc: esc, fmt: fmt, popupHtml: popupHtml, decodeRow: decodeRow };
})();
