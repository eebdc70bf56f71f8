/* Verification of a signed certificate credential (vc+jwt, EdDSA/Ed25519), in the browser.
 *
 * Trust comes from this site only: the DID document (did.json) at the site's root gives the
 * issuer's identifier and public keys; a status list named by the credential must be an
 * address of this same site (it is read from here, never from elsewhere). Nothing is sent.
 */
(function () {
  "use strict";

  var form = document.getElementById("vc-form");
  if (!form) {
    return;
  }
  var text = document.getElementById("vc-texte");
  var file = document.getElementById("vc-fichier");
  var verdict = document.getElementById("vc-verdict");
  var heading = document.getElementById("verdict");
  var root = new URL(form.getAttribute("data-root") || "../", document.baseURI);

  /* A reason the credential is not authentic (or cannot be checked), said in French. */
  function Refusal(kind, reason) {
    this.kind = kind;
    this.reason = reason;
  }
  function notAuthentic(reason) {
    return new Refusal("faux", reason);
  }
  function unverifiable(reason) {
    return new Refusal("impossible", reason);
  }

  var NOT_COMPACT = "le texte n'est pas une attestation signée (format JWS compact attendu)";

  /* base64url without padding, in its one canonical spelling: a character more, or unused
     bits set in the last one, is junk that a signature does not cover. */
  function bytesOf(part) {
    if (!/^[A-Za-z0-9_-]+$/.test(part) || part.length % 4 === 1) {
      throw notAuthentic(NOT_COMPACT);
    }
    var base64 = part.replace(/-/g, "+").replace(/_/g, "/");
    base64 += "===".slice((base64.length + 3) % 4);
    var binary = atob(base64);
    if (btoa(binary).replace(/=+$/, "") !== base64.replace(/=+$/, "")) {
      throw notAuthentic(NOT_COMPACT);
    }
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  /* A date-time of the credential (XML Schema dateTimeStamp: with its time zone), in
     milliseconds; an unreadable or impossible one (2026-02-30) is refused, never ignored. */
  var DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  function instant(value, what) {
    var match = typeof value === "string" ? DATE_TIME.exec(value) : null;
    var time = match ? Date.parse(value) : NaN;
    if (match) {
      var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
      if (day.getUTCMonth() !== +match[2] - 1 || day.getUTCDate() !== +match[3] ||
          +match[4] > 23 || +match[5] > 59 || +match[6] > 59) {
        time = NaN;
      }
    }
    if (isNaN(time)) {
      throw unverifiable(what + " est absente ou illisible (" +
        (value === undefined ? "absente" : "« " + String(value).slice(0, 40) + " »") + ")");
    }
    return time;
  }

  /* statusListIndex: a decimal string, without sign, space, exponent or leading zero. */
  function indexOf(value) {
    if (typeof value !== "string" || !/^(0|[1-9][0-9]{0,9})$/.test(value)) {
      throw unverifiable("la position du certificat dans sa liste de statut (statusListIndex) " +
        "n'est pas un nombre décimal");
    }
    return Number(value);
  }

  function jsonOf(part) {
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytesOf(part)));
    } catch (error) {
      if (error instanceof Refusal) {
        throw error;
      }
      throw notAuthentic("le contenu de l'attestation est illisible");
    }
  }

  function parse(token) {
    var parts = token.trim().split(".");
    if (parts.length !== 3) {
      throw notAuthentic(NOT_COMPACT);
    }
    return {
      header: jsonOf(parts[0]),
      payload: jsonOf(parts[1]),
      signature: bytesOf(parts[2]),
      input: new TextEncoder().encode(parts[0] + "." + parts[1])
    };
  }

  async function fetchHere(url, what) {
    var response;
    try {
      response = await fetch(url, { cache: "no-store", credentials: "omit" });
    } catch (error) {
      throw unverifiable(what + " n'a pas pu être lu sur ce site");
    }
    if (!response.ok) {
      throw unverifiable(what + " n'est pas publié sur ce site");
    }
    return response.text();
  }

  async function didDocument() {
    var body = await fetchHere(new URL("did.json", root),
      "le document d'identité de l'organisme (did.json)");
    try {
      return JSON.parse(body);
    } catch (error) {
      throw unverifiable("le document d'identité de l'organisme est illisible");
    }
  }

  /* did:web:example.org:refpub → https://example.org/refpub/ (the site's public address). */
  function baseOf(did) {
    var parts = did.split(":").slice(2).map(decodeURIComponent);
    /* each path segment written as a URL writes it (a space as %20, « é » as %C3%A9), the
       way the issuer wrote the addresses of its status lists */
    var path = parts.slice(1).map(function (segment) { return encodeURIComponent(segment) + "/"; }).join("");
    return new URL("https://" + parts[0] + "/" + path).href;
  }

  /* The same file on this site: only addresses under the issuer's own base are accepted. */
  function here(url, did) {
    var bases = [baseOf(did), baseOf(did).replace(/^https:/, "http:")];
    var href;
    try {
      href = new URL(url).href;
    } catch (error) {
      return null;
    }
    for (var i = 0; i < bases.length; i += 1) {
      if (href.indexOf(bases[i]) === 0) {
        return new URL(href.slice(bases[i].length), root);
      }
    }
    return null;
  }

  async function checkSignature(jws, did) {
    if (jws.header.alg !== "EdDSA") {
      throw notAuthentic("l'algorithme de signature « " + jws.header.alg + " » n'est pas celui de l'organisme (EdDSA)");
    }
    if (jws.header.typ !== "vc+jwt" || "crit" in jws.header || "b64" in jws.header) {
      throw notAuthentic("son en-tête n'est pas celui des attestations de l'organisme (type vc+jwt)");
    }
    var kid = typeof jws.header.kid === "string" ? jws.header.kid : "";
    if (kid.indexOf(did.id + "#") !== 0) {
      throw notAuthentic("elle n'est pas signée par l'organisme de ce site (" + did.id + ")");
    }
    var methods = (did.verificationMethod || []).filter(function (method) {
      return method.id === kid && (did.assertionMethod || []).indexOf(kid) !== -1;
    });
    if (!methods.length) {
      throw notAuthentic("la clé qui l'a signée n'est pas une clé publiée par l'organisme");
    }
    var jwk = methods[0].publicKeyJwk || {};
    var ok = false;
    try {
      var key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x },
        { name: "Ed25519" }, false, ["verify"]);
      ok = await crypto.subtle.verify({ name: "Ed25519" }, key, jws.signature, jws.input);
    } catch (error) {
      if (error && error.name === "NotSupportedError") {
        throw unverifiable("ce navigateur ne sait pas vérifier les signatures Ed25519 ; utilisez un navigateur à jour");
      }
      ok = false;
    }
    if (!ok) {
      throw notAuthentic("la signature ne correspond pas au contenu : l'attestation a été modifiée ou n'a pas été émise par l'organisme");
    }
    var issuer = jws.payload.issuer;
    if ((issuer && typeof issuer === "object" ? issuer.id : issuer) !== did.id) {
      throw notAuthentic("l'émetteur indiqué n'est pas l'organisme de ce site");
    }
  }

  async function inflate(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /* Whether the certificate's bit is set in the status list of its entry. */
  async function statusSet(entry, did, now) {
    var url = here(entry.statusListCredential, did.id);
    if (!url) {
      throw unverifiable("sa liste de statut n'est pas publiée par ce site");
    }
    var list;
    try {
      list = parse(await fetchHere(url, "la liste de statut (" + entry.statusPurpose + ")"));
      await checkSignature(list, did);
    } catch (error) {
      if (error instanceof Refusal && error.kind === "faux") {
        throw unverifiable("la liste de statut publiée n'est pas authentique");
      }
      throw error;
    }
    var subject = list.payload.credentialSubject || {};
    if (subject.statusPurpose !== entry.statusPurpose || list.payload.id !== entry.statusListCredential) {
      throw unverifiable("la liste de statut publiée ne correspond pas à l'attestation");
    }
    var from = instant(list.payload.validFrom, "la date de début de la liste de statut");
    var until = instant(list.payload.validUntil, "la date de fin de la liste de statut");
    if (now < from) {
      throw unverifiable("la liste de statut publiée n'est pas encore en vigueur (valable à partir du " +
        frDate(list.payload.validFrom) + ")");
    }
    if (until < now) {
      throw unverifiable("la liste de statut publiée n'est plus à jour (valable jusqu'au " +
        frDate(list.payload.validUntil) + ") : le site n'a pas été republié");
    }
    var index = indexOf(entry.statusListIndex);
    var encoded = typeof subject.encodedList === "string" ? subject.encodedList : "";
    if (encoded.charAt(0) !== "u") {
      throw unverifiable("la liste de statut est illisible");
    }
    var bits;
    try {
      bits = await inflate(bytesOf(encoded.slice(1)));
    } catch (error) {
      throw unverifiable("la liste de statut est illisible");
    }
    if (index >= bits.length * 8) {
      throw unverifiable("la position du certificat est hors de la liste de statut");
    }
    return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
  }

  var frDate = window.RefpubCommun.frenchDate;
  var element = window.RefpubCommun.element;

  function describe(payload) {
    var subject = payload.credentialSubject || {};
    var holder = (subject.issuedToParty || {}).name || "l'entreprise";
    var ref = subject.referentiel || {};
    var scheme = ref.title ? ref.title + (ref.version ? " (version " + ref.version + ")" : "") : "le référentiel";
    var level = subject.level ? ", niveau " + subject.level : "";
    /* the issuer is the body that signed it; the référentiel's owner is named as such */
    var issuer = (payload.issuer && payload.issuer.name) || "l'organisme";
    var owner = ((subject.scope || {}).issuingParty || {}).name;
    return holder + " — certificat n° " + (subject.certificateNumber || "?") + " délivré par " +
      issuer + " selon " + scheme + level +
      (owner ? " (propriétaire du référentiel : " + owner + ")" : "");
  }

  function expired(payload, what) {
    return { state: "expired", title: "Attestation authentique, mais certificat EXPIRÉ",
      detail: what + ". Il était valide jusqu'au " + frDate(payload.validUntil) + " et n'est plus en vigueur." };
  }

  async function verify(token) {
    var jws = parse(token);
    var did = await didDocument();
    await checkSignature(jws, did);
    var payload = jws.payload;
    if ((payload.type || []).indexOf("VerifiableCredential") === -1 || !payload.credentialSubject) {
      throw notAuthentic("ce n'est pas une attestation de certificat");
    }
    var now = Date.now();
    var what = describe(payload);
    var from = instant(payload.validFrom, "la date de début de validité de l'attestation");
    var until = instant(payload.validUntil, "la date de fin de validité de l'attestation");
    if (until < from) {
      throw unverifiable("la fin de validité de l'attestation précède son début");
    }
    if (from > now) {
      return { state: "futur", title: "Attestation authentique, mais pas encore valide",
        detail: what + ". Valide à partir du " + frDate(payload.validFrom) + "." };
    }
    var entries = [].concat(payload.credentialStatus || []);
    var status = {};
    for (var i = 0; i < entries.length; i += 1) {
      try {
        status[entries[i].statusPurpose] = await statusSet(entries[i], did, now);
      } catch (error) {
        /* past its signed end of validity the certificate is expired whatever the lists
           say: a stale or missing list cannot make it valid again */
        if (until < now && error instanceof Refusal && error.kind !== "faux") {
          return expired(payload, what);
        }
        throw error;
      }
    }
    if (status.revocation) {
      return { state: "withdrawn", title: "Attestation authentique, mais certificat RETIRÉ",
        detail: what + ". L'organisme a retiré ce certificat : l'entreprise n'est plus certifiée." };
    }
    if (until < now) {
      return expired(payload, what);
    }
    if (status.suspension) {
      return { state: "suspended", title: "Attestation authentique, mais certificat SUSPENDU",
        detail: what + ". L'entreprise ne peut pas se prévaloir de la certification tant que la suspension n'est pas levée." };
    }
    if (!("revocation" in status) || !("suspension" in status)) {
      throw unverifiable("l'attestation ne nomme pas ses listes de statut");
    }
    return { state: "valid", title: "Attestation authentique et valide",
      detail: what + ". Certificat valide jusqu'au " + frDate(payload.validUntil) + "." };
  }

  function show(state, title, detail) {
    verdict.className = "refpub-verdict refpub-banner refpub-banner-" + state;
    verdict.setAttribute("data-etat", state);
    verdict.textContent = "";
    verdict.appendChild(element("p", {}, [element("strong", {}, [title])]));
    verdict.appendChild(element("p", {}, [detail]));
  }

  async function run() {
    /* a credential copied from an e-mail may come wrapped: spaces and line breaks go */
    var token = text.value.replace(/\s+/g, "");
    if (!token) {
      show("none", "Aucune attestation à vérifier", "Collez le texte de l'attestation signée, puis choisissez « Vérifier ».");
      text.focus();
      return;
    }
    show("pending", "Vérification en cours…", "");
    try {
      var result = await verify(token);
      show(result.state, result.title, result.detail);
    } catch (error) {
      refuse(error);
    }
    /* the verdict may be below the fold: the reader is taken to it */
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }

  function refuse(error) {
    if (error instanceof Refusal && error.kind === "faux") {
      show("forged", "Attestation NON AUTHENTIQUE", "Cette attestation n'est pas authentique : " + error.reason + ".");
    } else if (error instanceof Refusal) {
      show("unknown", "Vérification impossible", "La vérification n'a pas pu aboutir : " + error.reason + ".");
    } else {
      show("forged", "Attestation NON AUTHENTIQUE", "Cette attestation n'est pas authentique : son contenu est illisible.");
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  file.addEventListener("change", function () {
    if (file.files && file.files[0]) {
      file.files[0].text().then(function (content) {
        text.value = content.trim();
        run();
      });
    }
  });

  /* A company page's « Vérifier ce certificat » link carries the credential after #vc= (the
     fragment never reaches any server). */
  function fromAddress() {
    var match = /^#vc=([A-Za-z0-9_.-]+)$/.exec(window.location.hash);
    if (match) {
      text.value = match[1];
      run();
    }
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
