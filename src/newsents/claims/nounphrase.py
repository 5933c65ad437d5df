"""Noun phrases from tokens, entities and the closed word classes only (the shipped model has no
tagger or parser).

``np_forward`` reads the phrase that starts at a token (determiner, adjectives, nouns or an entity,
then a genitive attribute, an affiliation, coordinated names, an apposition), ``np_backward`` the
one that ends before a postposition ("dem Ministerium zufolge"); ``name_quote``, ``title_quote`` and
``speaker_like`` say what kind of phrase a quote or noun phrase is.
"""

from __future__ import annotations

from typing import Optional

from .tokens import SENT_END, TokenTable

Span2 = tuple[int, int]
#: a noun phrase is at most this many tokens long
MAX_NP = 12


class NounPhrases:
    """Noun phrases of one document's token table."""

    def __init__(self, table: TokenTable):
        self.t = table
        self.w = table.words
        self.lex = table.lex
        self.roles = table.lex.roles
        self.adverb_endings = tuple(self.w.adverb_ending)

    # ------------------------------------------------------------------ starts

    def is_np_start(self, i: int, subject: bool = True) -> bool:
        t, w = self.t, self.w
        low = t.lower[i]
        if t.quote_of[i] >= 0 or t.punct[i]:
            return False
        if t.is_per_start(i) or self.particle_name(i) is not None:
            return True  # "Von der Leyen"
        if low in w.pron:
            return True
        if low in w.pron_obj or low in w.det_obl:
            return not subject
        if low in w.det_nom or low in w.det_indef:
            if i + 1 < t.n and self.short_quote_end(i + 1) is not None and t.cap[min(i + 2, t.n - 1)]:
                return True  # "Die «Neue Zürcher Zeitung» berichtete"
            return i + 1 < t.n and not t.punct[i + 1] and t.verb_lemma(i + 1) is None \
                and (t.cap[i + 1] or t.ent_of[i + 1] >= 0 or t.adj_like(t.lower[i + 1])
                     or t.lower[i + 1][:1].isdigit())
        if t.ent_of[i] >= 0:
            return True
        if low in self.lex.no_np_start:
            return False
        if low in self.lex.generic_subjects:
            return True
        if not t.cap[i] or t.verb_lemma(i) is not None:
            return False
        if t.sentence_initial(i):
            # a capitalised sentence opener is a noun unless it has an adverb's shape (Schließlich, Teilweise)
            return not low.endswith(self.adverb_endings) and t.is_konj(i) is None
        return True

    def short_quote_end(self, i: int, lim: Optional[int] = None) -> Optional[int]:
        """End of the short quote (a quoted name or title) whose opening mark is token i, if it ends
        within ``lim``; else None."""
        t = self.t
        q = t.quote_of[i]
        if q < 0 or not t.short_quote[q] or t.quotes[q][0] != i or (lim is not None and t.quotes[q][1] > lim):
            return None
        return t.quotes[q][1]

    def particle_name(self, i: int) -> Optional[int]:
        """End of a surname with a capitalised particle opening the sentence ("Von der Leyen betonte"),
        which the entity model tends to miss: particle(s) from the data file, a capitalised word that is
        part of a PER entity elsewhere in the document, then a finite verb."""
        t = self.t
        particles = self.roles.name_particle
        if t.lower[i] not in particles or not t.cap[i] or t.ent_of[i] >= 0 or not t.sentence_initial(i):
            return None
        j = i + 1
        while j < min(t.n, i + 3) and t.lower[j] in particles:
            j += 1
        if j + 1 >= t.n or not t.cap[j] or t.lower[j] not in t.per_words:
            return None
        if t.verb_lemma(j + 1) is None and t.lower[j + 1] not in self.w.aux:
            return None
        return j + 1

    def is_determiner(self, low: str) -> bool:
        w = self.w
        return low in w.det_nom or low in w.det_indef or low in w.det_obl

    # ------------------------------------------------------------------ forward

    def np_forward(self, i: int, lim: int, depth: int = 0) -> Span2:
        """The noun phrase that starts at token i, within [i, lim)."""
        t, w = self.t, self.w
        pn = self.particle_name(i)
        if pn is not None:
            return i, pn
        low = t.lower[i]
        if (low in w.pron or low in w.pron_obj) and not (low in w.det_nom and i + 1 < lim and t.cap[i + 1]):
            return i, i + 1  # ("dieser Studie": a determiner, not a pronoun)
        end = self._np_core(i, lim)
        end = self._truncated_compound(end, lim)
        end = self.paren_acronym(end)
        end = self._genitive(end, lim, depth)
        end = self._affiliation(i, end, lim, depth)
        end = self._coordinated_names(end, lim)
        end = self._apposition_after_name(end)
        e2 = self.appositive_name(i, end)
        if e2 is not None:
            end = e2
            if end + 2 < t.n and t.text[end] == "(" and t.text[end + 2] == ")":
                end += 3
        return i, max(end, i + 1)

    def _np_core(self, i: int, lim: int) -> int:
        """End of determiner, adjectives and nouns (or entities, short quoted names) from i."""
        t, w = self.t, self.w
        j = i + 1 if self.is_determiner(t.lower[i]) else i
        last = i
        noun = False  # adjectives precede the noun: after a noun a lowercase word ends the phrase
        while j < lim and j - i < MAX_NP:
            low = t.lower[j]
            if t.ent_of[j] >= 0:
                last = t.ents[t.ent_of[j]].end - 1
                # a place in the genitive opening the phrase is its determiner: "Mannheims oberster Bürgermeister"
                j, noun = last + 1, not (j == i and t.genitive_place(t.ent_label[t.ent_of[j]], last))
                if j < lim and (t.lower[j][:1].isdigit() or t.quote_of[j] >= 0 or self._noun_after_name(j)):
                    break  # "laut der Netzzeitung 40 Menschen", "Angaben der Polizei „sorgfältig“"
                continue
            q_end = self.short_quote_end(j, lim)
            if q_end is not None:
                last = q_end - 1
                j, noun = last + 1, True
                if j < lim and self._noun_after_name(j):
                    break
                continue
            if j == i + 1 and low in w.det_indef and self.is_determiner(t.lower[i]):
                j += 1  # a quantifier after the determiner: "den drei Kommunen", "die vielen Helfer"
                continue
            if t.closed_class(low) and not low[:1].isdigit():
                break
            if t.punct[j]:
                if t.text[j] == "(" and j + 2 < lim and t.text[j + 2] == ")":
                    last, j = j + 2, j + 3
                    continue
                if t.text[j] == "-" and j > i:
                    j += 1
                    continue
                break
            if low in self.lex.np_breaks or (low in w.time and j > i) or t.verb_lemma(j) is not None or low in w.aux:
                break
            if low[:1].isdigit() and noun:
                break  # a number after the noun opens another phrase
            if t.cap[j] or low[:1].isdigit():
                last, j = j, j + 1
                noun = noun or t.cap[j - 1]
                continue
            if not noun and t.adj_like(low) and low not in w.adv and t.is_konj(j) is None:
                j += 1
                continue
            break
        return last + 1

    def _noun_after_name(self, j: int) -> bool:
        """A capitalised word after a name that is no name itself opens another phrase: "laut „Reuters“
        Warnschüsse abgegeben", "sagte die Polizei Reportern"."""
        t, r = self.t, self.roles
        if not t.cap[j] or t.ent_of[j] >= 0 or t.lower[j] in t.per_words or t.sentence_initial(j) \
                or t.lower[j] in self.w.det_nom or t.lower[j] in self.w.det_indef:
            return False
        # a role after a name in the genitive ("Brasiliens UN-Botschafter") or a title ("Sender BBC Sprecher")
        return not (t.lower[j].endswith(r.person_head + r.org_role + tuple(r.anon) + tuple(r.media))
                    or r.role_gender(t.text[j])[0])

    def _truncated_compound(self, end: int, lim: int) -> int:
        """"Kongress- und Verteidigungskreise", "Bundes- und Landesbehörden"."""
        t = self.t
        if end + 1 < lim and t.text[end - 1].endswith("-") and len(t.text[end - 1]) > 2 \
                and t.lower[end] in self.w.coord and t.lower[end] != "sowie" and t.cap[end + 1]:
            return end + 2
        return end

    def _genitive(self, end: int, lim: int, depth: int) -> int:
        """A genitive attribute: "der Sprecher des Ministeriums", "Meldungen der Agentur X" (not after a
        person's name: "sagte Jan Pohl der Zeitung X" is a dative, the relaying medium)."""
        t = self.t
        if end < lim and t.lower[end] in self.w.det_gen and end + 1 < lim and (
                t.cap[end + 1] or t.adj_like(t.lower[end + 1]) or t.lower[end + 1][:1].isdigit()) and not (
                t.ent_of[end - 1] >= 0 and t.ent_label[t.ent_of[end - 1]] == "PER"):
            _g0, g1 = self.np_forward(end, lim, depth + 1)
            if g1 > end + 1:
                return g1
        return end

    def _affiliation(self, i: int, end: int, lim: int, depth: int) -> int:
        """"John Sifton von Human Rights Watch", "Der Korrespondent in Mexiko-Stadt, Will Grant": a place
        or affiliation PP belongs to the speaker after a name or before an appositive name."""
        t, w = self.t, self.w
        if not (end + 1 < lim and t.lower[end] in w.affil_prep and depth < 1):
            return end
        q_end = self.short_quote_end(end + 1, lim)
        if q_end is not None and t.lower[end] in w.agent_prep \
                and (self.person_noun(end - 1) or t.ent_of[end - 1] >= 0):
            return q_end  # "Johanna Moser vom „Queer Beograd Kollektiv“"
        if not self.is_np_start(end + 1, subject=False):
            return end
        _p0, p1 = self.np_forward(end + 1, lim, depth + 1)
        if p1 + 1 < lim and t.lower[p1] in w.affil_prep and self.is_np_start(p1 + 1, subject=False):
            # a second place phrase before an appositive name: "Der Botschafter bei den Organisationen in
            # Wien, Michail Uljanow"
            p2 = self.np_forward(p1 + 1, lim, depth + 1)[1]
            if self._name_follows(i, end, p2):
                p1 = p2
        after_name = t.lower[end] in w.agent_prep and (
            (t.ent_of[end - 1] >= 0 and t.ent_label[t.ent_of[end - 1]] == "PER") or self.person_noun(end - 1))
        after_name = after_name or self._org_seat(end, p1)
        if p1 > end + 1 and (after_name or self._name_follows(i, end, p1)):
            return p1
        return end

    def _name_follows(self, i: int, end: int, p1: int) -> bool:
        """Whether an appositive name follows the phrase [i, p1) whose role ends at ``end``, or the place
        phrase already took it ("in Deutschland, Michael Knipper")."""
        t = self.t
        if self.appositive_name(i, p1, role_end=end) is not None:
            return True
        last_ent = t.ent_at(p1 - 1)
        return last_ent is not None and last_ent.label_ == "PER" and last_ent.start - 1 > end \
            and t.text[last_ent.start - 1] == ","

    def _org_seat(self, end: int, p1: int) -> bool:
        """"der USGS in Denver", "die UN-Mission im Südsudan (UNMISS)", "die Regierung in Lomé": an
        organisation's seat, an in-phrase naming a place right after the organisation's name or class noun."""
        t = self.t
        org = (t.ent_of[end - 1] >= 0 and t.ent_label[t.ent_of[end - 1]] == "ORG") or (
            t.cap[end - 1] and t.ent_of[end - 1] < 0 and t.lower[end - 1].endswith(self.roles.org_role))
        return org and t.lower[end] in self.w.in_prep \
            and any(t.ent_of[x] >= 0 and t.ent_label[t.ent_of[x]] == "LOC" for x in range(end + 1, p1))

    def person_noun(self, x: int) -> bool:
        """A role noun naming a person or body that speaks ("Sportchef", "Klimaexperte"), not a name."""
        t = self.t
        return t.cap[x] and t.ent_of[x] < 0 and (
            t.lower[x].endswith(self.roles.person_head) or bool(self.roles.role_gender(t.text[x])[0]))

    def _coordinated_names(self, end: int, lim: int) -> int:
        """"Sonia und Willy Bogner", "der New York Times und der Los Angeles Times"."""
        t = self.t
        if end + 1 < lim and t.lower[end] in self.w.conj_and and t.ent_of[end - 1] >= 0:
            nxt = end + 2 if t.lower[end + 1] in self.w.det_gen and end + 2 < lim else end + 1
            ent = t.ent_at(nxt)
            if ent is not None and ent.start == nxt and ent.end <= lim:
                return self.paren_acronym(ent.end)
        return end

    def _apposition_after_name(self, end: int) -> int:
        """"Kemal Bedri, Vorsitzender der Wahlkommission," / ", der Gouverneur von Tabasco,"."""
        t, w = self.t, self.w
        if not (end + 2 < t.n and t.text[end] == "," and t.ent_of[end - 1] >= 0
                and t.ent_label[t.ent_of[end - 1]] == "PER" and t.ent_of[end + 1] < 0):
            return end
        nxt = t.lower[end + 1]
        if not (nxt in w.det_indef or nxt in w.det_nom or t.cap[end + 1]):
            return end
        if nxt in w.det_nom and not t.cap[end + 2] and not t.adj_like(t.lower[end + 2]):
            return end
        stop = t.sents[t.sent_of[end]][1]
        for a1 in range(end + 2, min(stop, end + MAX_NP)):
            if t.text[a1] == ",":
                return a1 if any(t.cap[x] for x in range(end + 1, a1)) else end
            if t.text[a1] in (".", ":") and (a1 + 1 >= stop or t.text[a1] == ":") \
                    and any(self.person_noun(x) for x in range(end + 1, a1)):
                return a1  # the apposition closes the sentence: "…, so Ursula Castrup, die Leiterin der Fachstelle."
            if t.boundary[a1] or t.verb_lemma(a1) or t.lower[a1] in w.aux or t.lower[a1] in w.that or t.is_konj(a1):
                break
        return end

    def appositive_name(self, i: int, end: int, role_end: Optional[int] = None) -> Optional[int]:
        """End of a name in apposition after the noun phrase [i, end) ("der Sprecher der Bewegung,
        Ehsanullah Ehsan"), else None. The name is an entity right after a comma that closes the
        apposition (comma, full stop, bracket, sentence end or a cue verb follows); an entity that is
        not PER (the model's label slips on rare names) counts after a role noun (person or institution)."""
        t = self.t
        stop = t.sents[t.sent_of[min(end, t.n - 1)]][1]
        if not (end + 1 < stop and t.text[end] == "," and t.ent_of[end + 1] >= 0):
            return None
        ent = t.ents[t.ent_of[end + 1]]
        if ent.start != end + 1:
            return None
        if ent.label_ != "PER":
            heads = self.roles.person_head + self.roles.org_role + tuple(self.roles.media)
            r1 = role_end if role_end is not None else end
            if not any(t.cap[x] and t.ent_of[x] < 0 and t.lower[x].endswith(heads) for x in range(i, r1)):
                return None
        e2 = ent.end
        if e2 >= stop or t.text[e2] in (",", ".", ";") or (t.text[e2] == "(" and e2 + 2 < stop) \
                or t.verb_lemma(e2) is not None:
            return e2
        return None

    def paren_acronym(self, end: int) -> int:
        """Past a bracketed acronym or party right after a noun phrase ("der Deutsche
        Journalisten-Verband (DJV)", "Sebastian Edathy (SPD)"), which a clause limit at "(" cuts off."""
        t = self.t
        if end + 2 < t.n and t.text[end] == "(" and t.text[end + 2] == ")" \
                and (t.cap[end + 1] or (t.text[end + 1].isalpha() and len(t.text[end + 1]) <= 4)) \
                and t.sent_of[end + 2] == t.sent_of[end - 1] and t.verb_lemma(end + 1) is None:
            return end + 3
        return end

    # ------------------------------------------------------------------ backward

    def np_backward(self, j: int, lim: int) -> Optional[Span2]:
        """The noun phrase that ends just before token j (for "X zufolge"), not before ``lim``."""
        start = self._np_back_start(j, lim)
        if start is None:
            return None
        t, w = self.t, self.w
        while start < j and not (t.cap[start] or t.lower[start] in w.det_nom or t.lower[start] in w.reflexive
                                 or t.lower[start] in w.det_obl or t.lower[start] in w.det_indef
                                 or t.ent_of[start] >= 0 or t.lower[start][:1].isdigit()):
            start += 1
        if start >= j:
            return None
        noun = t.cap[start] and t.lower[start] not in w.det_nom  # adjectives before a noun, not an article
        while noun and start - 1 >= lim and t.adj_like(t.lower[start - 1]) and not t.cap[start - 1] \
                and t.lower[start - 1] not in w.aux and not t.verb_lemma(start - 1):
            start -= 1  # "ersten Angaben zufolge", "offiziellen chinesischen Angaben zufolge"
        start = self._back_coordinated(start, j, lim)
        # "Angaben des Instituts von Athen zufolge": the von-attribute belongs to the phrase before it
        if start - 2 >= lim and t.lower[start - 1] in w.agent_prep and t.cap[start - 2] and t.ent_of[start - 2] < 0:
            before = self._np_back_start(start - 1, lim)
            if before is not None and j - before <= 2 * MAX_NP:
                start = before
        # the head noun before a genitive: "Informationen des Senders X zufolge", "Angaben der Polizei zufolge"
        if start - 1 >= lim and t.lower[start] in w.det_gen and t.cap[start - 1] \
                and t.ent_of[start - 1] < 0 and j - start <= 2 * MAX_NP:
            start -= 1
            if start - 1 >= lim and (t.lower[start - 1] in w.det_nom or t.lower[start - 1] in w.det_obl):
                start -= 1
        return start, j

    def _np_back_start(self, j: int, lim: int) -> Optional[int]:
        t, w = self.t, self.w
        i = j - 1
        start = None
        while i >= lim and j - i <= MAX_NP:
            low = t.lower[i]
            if t.punct[i] and t.text[i] not in ("-", ")", "("):
                break
            if low in w.prep or low in w.conj or low in w.that or low in w.aux:
                break
            if self.is_determiner(low):
                return i
            if t.cap[i] or t.ent_of[i] >= 0 or t.adj_like(low) or low[:1].isdigit() or t.text[i] in "-()":
                start = i
                i -= 1
                continue
            break
        return start

    def _back_coordinated(self, start: int, j: int, lim: int) -> int:
        """Coordinated names: "der Sender Sky News und BBC zufolge"."""
        t = self.t
        if start - 2 >= lim and t.lower[start - 1] in self.w.conj_and and t.ent_of[start] >= 0 \
                and t.ent_of[start - 2] >= 0:
            start = t.ents[t.ent_of[start - 2]].start
            while start - 1 >= lim and t.cap[start - 1] and t.ent_of[start - 1] < 0 and j - start < MAX_NP:
                start -= 1  # "der Fernsehsender Sky News und BBC"
            if start - 1 >= lim and t.lower[start - 1] in self.w.det_gen:
                start -= 1
        return start

    # ------------------------------------------------------------------ kinds of phrases

    def name_quote(self, qi: int) -> bool:
        """A short quote right after a noun names something (die Zeitung „Neues Deutschland“)."""
        t = self.t
        qs = t.quotes[qi][0]
        if t.short_quote[qi] and qs > 0 and t.lower[qs - 1] in self.lex.preps:
            return True  # laut „tagesschau.de“
        first = next((x for x in range(qs, t.quotes[qi][1]) if not t.punct[x]), None)
        if first is not None and not t.cap[first] and not t.lower[first][:1].isdigit():
            return False  # names and titles open with a capital: „große Angst hatte“ is quoted speech
        if self.title_quote(qi):
            return True  # „Wind of Change Research Group“, „La Gazetta dello Sport“

        return t.short_quote[qi] and qs > 0 and t.cap[qs - 1] and not t.sentence_initial(qs - 1) \
            and not t.punct[qs - 1] and t.sent_of[qs - 1] == t.sent_of[qs]

    def title_quote(self, qi: int) -> bool:
        """A quoted name or title: at most 6 words, no sentence punctuation, no finite verb of the
        closed classes, and most words capitalised („Rat für nationale Sicherheit“)."""
        t = self.t
        qs, qe, _q = t.quotes[qi]
        words = [x for x in range(qs, qe) if not t.punct[x]]
        if not words or len(words) > 6 or any(t.text[x] in SENT_END for x in range(qs, qe)):
            return False
        if any(t.lower[x] in self.w.aux or t.is_konj(x) for x in words):
            return False
        if qs > 0 and t.verb_lemma(qs - 1) is not None:
            return False  # "skandierten „Gefälschte Demokratie“": what a cue verb governs is speech
        caps = sum(1 for x in words if t.cap[x] or t.lower[x][:1].isdigit())
        return len(words) >= 2 and 4 * caps >= 3 * len(words) and t.cap[words[-1]]

    def speaker_like(self, sp: Span2) -> bool:
        """Whether a noun phrase can name someone who makes statements (not "Die Überschwemmungen")."""
        t, w, r = self.t, self.w, self.roles
        if any(t.ent_of[i] >= 0 and t.ent_label[t.ent_of[i]] in ("PER", "ORG") for i in range(*sp)):
            return True
        low = t.lower[sp[1] - 1]
        if sp[1] - sp[0] == 1 and low in w.pron:
            return True
        heads = r.person_head + r.org_role + tuple(r.anon) + tuple(r.media)
        # the last word, or the first noun after the determiner ("Der Sender „X“", "Der Sprecher des Amtes")
        first = next((i for i in range(sp[0], sp[1]) if t.cap[i] and t.lower[i] not in w.det_nom
                      and t.lower[i] not in w.det_indef), None)
        return low.endswith(heads) or (first is not None and t.lower[first].endswith(heads))
