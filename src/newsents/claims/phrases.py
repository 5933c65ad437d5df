"""The phrase finder: the subject (speaker) of a cue verb in its clause, on top of the noun phrases
of :mod:`newsents.claims.nounphrase`; a dependency parse is used when present.
"""

from __future__ import annotations

from typing import Optional

from .nounphrase import NounPhrases
from .tokens import CLAUSE_PUNCT

Span2 = tuple[int, int]


class PhraseFinder(NounPhrases):
    """Noun phrases and subjects of one document's token table."""

    # ------------------------------------------------------------------ subjects

    def subject(self, k: int, cs: int, ce: int, left: bool = True) -> Optional[Span2]:
        """The speaker (subject) of cue verb k in clause [cs, ce): clause-initial NP, else the first after k.

        With ``left``, a verb that opens a clause after a comma takes the NP opening the sentence
        ("Frank Sichau, der ... fungiert, erklärte, ...")."""
        t, w = self.t, self.w
        if t.has_dep:
            sp = self._dep_subject(k)
            if sp is not None:
                return sp
        if "a" in t.verb_flags(t.verb_lemma(k)):
            # "Wie aus Regierungskreisen verlautete": the phrase after "aus" is the source
            x = next((x for x in range(cs, ce) if t.lower[x] in w.source_from and x + 1 < ce), None)
            if x is not None and (self.is_np_start(x + 1, subject=False) or t.cap[x + 1]):
                return self.np_forward(x + 1, ce)
        if cs > 0 and t.text[cs - 1] == "," and t.lower[cs] in w.definite and cs + 1 < k \
                and not (t.cap[cs + 1] or t.adj_like(t.lower[cs + 1]) or t.lower[cs + 1][:1].isdigit()):
            return cs, cs + 1  # relative pronoun: "ein General, der ... betonte, ..."
        i = cs
        while i < k and (t.lower[i] in w.conj or t.lower[i] in w.that) and not (
                i + 1 < k and t.cap[i + 1] and t.ent_of[i + 1] < 0):  # "Als Grund gab X an"
            i += 1
        if left and i < k and t.lower[i] in w.aux and cs > 0 and t.text[cs - 1] == ",":
            # "Barack Obama, der Kandidat der Demokraten, hat in einer Videobotschaft angekündigt": the
            # finite auxiliary opens the clause after an apposition, the subject stands before it
            np_ = self.fronted_subject(k, cs)
            if np_:
                return np_
        if left and i == k:
            if k + 1 < ce and t.lower[k + 1] in w.pron and t.lower[k + 1] not in w.det_nom:
                return k + 1, k + 2  # "Die Pläne ..., bezeichnete er als": the fronted phrase is the object
            np_ = self.fronted_subject(k, cs)
            if np_:
                return np_
        if i < k and k + 1 < ce and t.lower[k + 1] in w.pron_nom and t.lower[i] not in w.pron:
            return k + 1, k + 2  # "Deren Haltung bezeichnete er als …": a nominative pronoun after the verb
        if i < k and self.is_np_start(i) and not (t.lower[i] in w.demonstr and i + 1 <= k
                                                  and (i + 1 == k or t.verb_lemma(i + 1))):
            return self._clause_initial(i, k, ce)
        found = self._subject_after(k, ce) or self._subject_between(i, k, ce)
        if found is None and left:
            # "General X, Oberbefehlshaber der Armee, hat angekündigt, ...": no subject in the clause itself
            return self.fronted_subject(k, cs)
        return found

    def _clause_initial(self, i: int, k: int, ce: int) -> Span2:
        t = self.t
        np_ = self.np_forward(i, ce)
        if t.lower[i] in self.w.media_det and t.lower[i] in self.w.definite and np_[1] == k and k + 1 < ce \
                and self.is_np_start(k + 1) \
                and any(t.lower[x].endswith(tuple(self.roles.media)) for x in range(i + 1, np_[1]) if t.cap[x]):
            return self.np_forward(k + 1, ce)  # "Der Zeitung sagte X": a fronted dative, X is the subject
        named = self._name_before_apposition(i, np_)
        if named is not None:
            return named
        return self._vorfeld(i, np_, k)

    def _subject_after(self, k: int, ce: int) -> Optional[Span2]:
        return self._scan_subject(k + 1, ce, ce)

    def _subject_between(self, i: int, k: int, ce: int) -> Optional[Span2]:
        return self._scan_subject(i, k, ce)

    def _scan_subject(self, r0: int, r1: int, ce: int) -> Optional[Span2]:
        """The first noun phrase in [r0, r1) that is not inside a prepositional phrase."""
        t, w = self.t, self.w
        p, prev_prep = r0, False
        while p < r1:
            low = t.lower[p]
            if low in w.prep:
                prev_prep, p = True, p + 1
                continue
            if prev_prep and low in w.relative_after_prep and p + 1 < r1 and (
                    t.ent_of[p + 1] >= 0 or t.lower[p + 1] in w.pron or t.lower[p + 1] in w.det_nom):
                prev_prep, p = False, p + 1  # relative pronoun after a preposition: "in der Hu ... bezeichnete"
                continue
            if prev_prep and not t.cap[p] and t.adj_like(low) and low not in w.pron and low not in w.adv:
                p += 1  # "auf mehrmalige Nachfrage": the adjective stays inside the prepositional phrase
                continue
            if self.is_np_start(p) or (prev_prep and low in w.det_obl):
                np_ = self.np_forward(p, ce)
                if prev_prep and low not in w.pron:
                    prev_prep, p = False, max(np_[1], p + 1)
                    continue
                return np_
            prev_prep, p = False, p + 1
        return None

    def _name_before_apposition(self, i: int, np_: Span2) -> Optional[Span2]:
        """"Martin Berg, Sprecher des Vereins(,) sagte": when the clause of the cue opens with a role noun
        phrase right after a sentence-opening person name and its comma, the speaker is name plus role."""
        t, w = self.t, self.w
        head = i + 1 if (t.lower[i] in w.det_nom or t.lower[i] in w.det_indef) and i + 1 < np_[1] else i
        if i == 0 or t.text[i - 1] != "," or np_[0] != i or not self.person_noun(head):
            return None  # ("Dolkun Isa, der Sekretär des Weltkongresses sagte": with its article too)
        s0 = t.sents[t.sent_of[i]][0]
        while s0 < i and t.punct[s0]:
            s0 += 1
        ent = t.ent_at(s0)
        if ent is None or ent.start != s0 or ent.label_ != "PER" or ent.end != i - 1:
            return None
        return s0, np_[1]

    def _vorfeld(self, i: int, np_: Span2, k: int) -> Span2:
        """The subject noun phrase ``np_`` opening a main clause whose finite cue verb is k: the German
        Vorfeld holds one constituent, so attributes between the phrase and the verb belong to it
        ("Der USGS in Denver teilte mit", "Das Bau- und Transportministerium kündigte an")."""
        t, w = self.t, self.w
        if np_[1] >= k or not t.sentence_initial(i) or t.lower[i] in w.pron:
            return np_
        first = t.lower[np_[1]]
        if not ((first in w.prep and first not in w.infinitive) or first in w.coord or first == "("
                or t.text[np_[1] - 1].endswith("-")):
            return np_
        for x in range(np_[1], k):
            low = t.lower[x]
            if low in w.aux and x > np_[1]:
                return np_[0], x  # "Das Bau- und Transportministerium hat entschieden": the finite auxiliary
            if self._vorfeld_breaks(x, np_[1]):
                return np_  # a second constituent, a clause or a verb: not one phrase
        return np_[0], k

    def _vorfeld_breaks(self, x: int, start: int) -> bool:
        t, w = self.t, self.w
        low = t.lower[x]
        relative = low in w.relative and not (x > start and t.lower[x - 1] in w.prep)
        if t.quote_of[x] >= 0 or low in w.aux or low in w.adv or low in w.neg or low in w.that or low in w.pron \
                or relative or t.is_konj(x) or (t.text[x] in CLAUSE_PUNCT and t.text[x] not in "()-") \
                or t.verb_lemma(x) is not None:
            return True
        return not (t.cap[x] or low in w.prep or low in w.coord or t.adj_like(low) or low[:1].isdigit()
                    or t.punct[x] or self.is_determiner(low) or t.text[x].endswith("-"))

    def fronted_subject(self, k: int, cs: int) -> Optional[Span2]:
        """A noun phrase opening the sentence and closed off by a comma before the clause at ``cs``."""
        t = self.t
        s0 = t.sents[t.sent_of[k]][0]
        while s0 < cs and (t.punct[s0] or t.lower[s0] in self.w.conj):
            s0 += 1
        if cs > s0 and t.text[cs - 1] in (",", ")") and self.is_np_start(s0) \
                and not any(t.quote_of[x] >= 0 and not t.short_quote[t.quote_of[x]]
                            and not self.name_quote(t.quote_of[x]) for x in range(s0, cs)):
            np_ = self.np_forward(s0, cs)
            # a clause between the phrase and the comma ("Das Querschießen muss ein Ende haben, sagte
            # X") fronts the content, not the subject; an apposition or relative clause may follow it
            if np_[1] >= cs - 1 or t.text[np_[1]] in (",", "(") or not self._finite_in(np_[1], cs - 1):
                return np_
        return None

    def _finite_in(self, s: int, e: int) -> bool:
        """Whether [s, e) holds a finite verb before any comma (:meth:`first_finite`)."""
        return self.first_finite(s, e, stop_at_comma=True) is not None

    def first_finite(self, s: int, e: int, stop_at_comma: bool = False) -> Optional[int]:
        """The first finite verb in [s, e): an auxiliary, a cue verb, a Konjunktiv or a lowercase
        open-class word that is no adjective; with ``stop_at_comma``, only before the first comma."""
        t = self.t
        for x in range(s, e):
            if stop_at_comma and t.text[x] == ",":
                return None
            low = t.lower[x]
            if low in self.w.aux or t.verb_lemma(x) or t.is_konj(x):
                return x
            if not t.cap[x] and not t.punct[x] and not t.closed_class(low) and not t.adj_like(low) \
                    and not low[:1].isdigit():
                return x
        return None

    def _dep_subject(self, k: int) -> Optional[Span2]:
        tok = self.t.doc[k]
        heads = [tok] if tok.head is tok else [tok, tok.head]
        for h in heads:
            for c in h.children:
                if c.dep_ in ("sb", "nsubj", "nsubj:pass"):
                    return c.left_edge.i, c.right_edge.i + 1
        return None

    def first_np_after(self, k: int, ce: int, exclude: Optional[Span2] = None,
                       subject: bool = True) -> Optional[Span2]:
        t = self.t
        prev_prep = False
        for p in range(k, ce):
            if exclude and exclude[0] <= p < exclude[1]:
                continue
            if t.lower[p] in self.w.prep:
                prev_prep = True
                continue
            if self.is_np_start(p, subject=subject):
                if prev_prep:
                    prev_prep = False
                    continue
                return self.np_forward(p, ce)
        return None
