"""Linking name variants to entities, within an article and across a corpus.

"Sergej Schoigu", "Schoigus", "Verteidigungsminister Schoigu", "Shoigu" and "Шойгу" become one
entity ``PER:sergej-schoigu``. Within an article, surname-only mentions and acronyms join the full
form introduced there (:mod:`.names`); across articles, :class:`EntityLinker` clusters the distinct
names with German normalisation, romanisation-neutral keys, blocked rapidfuzz similarity and guards
against merging different people who share a surname (:mod:`.clustering`). Entity ids never change
(:mod:`.kb_ids`): a mention's id depends on its article and the knowledge base only; corpus
clusters that join different ids are recorded as ``linked`` hints, and two different entities never
share an id (:mod:`.collisions`). Results depend only on the multiset of articles, never on their
order or partitioning, and entity ids are readable slugs.

The other jobs live beside it: alias tables (:mod:`.aliases`), the entity table and lookups
(:mod:`.entities`), claim re-linking (:mod:`.claim_links`) and the passes over an output folder
(:mod:`.passes`); their public names are re-exported here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Optional

from ..core.records import Article, Mention
from ..knowledge.ids import entity_id
from .aliases import AliasRow, AliasTable, AliasTableError, builtin_equivalents
from .clustering import NameNode, UnionFind, initial_ok, resolve_redirect, similar_pairs, tokenwise_similar
from .collisions import find_collisions, split_stats
from .entities import Entity, Linking
from .kb_ids import IdRule, IdStats
from .names import (
    ArticleLinks,
    PersonName,
    as_loose,
    link_article,
    loose_keys,
    nominative_stems,
    person_name,
    raw_key,
    resolve_article,
    suffix_variant,
    surname_map,
)
from .normalize import compact_key

__all__ = ["AliasRow", "AliasTable", "AliasTableError", "ArticleLinks", "Entity", "EntityLinker", "Linking",
           "PersonName", "link_article", "link_corpus", "link_output", "person_name", "relink_output",
           "resolve_article", "rewrite_output", "similar_pairs"]


class EntityLinker:
    """Collects distinct names from articles (counts and article ids, not texts) and clusters them.

    ``add_article`` may be called in any order, and linkers built on partitions can be combined
    with :meth:`merge`; the result of :meth:`link` depends only on the articles seen.
    """

    def __init__(self, aliases: Optional[AliasTable] = None, *, surname_threshold: float = 88.0,
                 other_threshold: float = 90.0, acronym_share: float = 0.9,
                 use_builtin_equivalents: bool = True):
        self.aliases = aliases
        self.surname_threshold = surname_threshold
        self.other_threshold = other_threshold
        self.acronym_share = acronym_share
        self.use_builtin_equivalents = use_builtin_equivalents
        self._surfaces: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (label, form) -> surfaces
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._acronyms: Counter = Counter()  # (label, acronym, long) -> articles
        self._ids: dict[str, str] = {}  # interned article ids
        self.rule = IdRule(alias_row=self._alias_name if aliases is not None else None)
        self.stats = IdStats()  # per stable id: label, surfaces, articles, names

    def _alias_name(self, label: str, key: str) -> Optional[str]:
        row = self.aliases.row_for(label, key) if self.aliases is not None else None
        return row.name if row is not None else None

    def add_article(self, article: Article) -> None:
        self.add_mentions(article.id, article.entities, article.text)

    def add_mentions(self, article_id: str, mentions: Sequence[Mention], text: str = "") -> None:
        aid = self._ids.setdefault(article_id, article_id)
        links = resolve_article(mentions, text)
        for m, f in zip(mentions, links.forms):
            if f is None:
                continue
            k = (m.label, f)
            self._surfaces[k][" ".join(m.text.split())] += 1
            self._articles[k].add(aid)
        for a in links.acronyms:
            self._acronyms[a] += 1
        self.stats.add(aid, mentions, links.forms, self.rule.article_entities(mentions, links.forms))

    def merge(self, other: EntityLinker) -> EntityLinker:
        """Add another linker's counts (built on another partition of the corpus) to this one."""
        for k, c in other._surfaces.items():
            self._surfaces[k].update(c)
        for k, s in other._articles.items():
            self._articles[k].update(self._ids.setdefault(a, a) for a in s)
        self._acronyms.update(other._acronyms)
        self.stats.merge(other.stats)
        return self

    # ----------------------------------------------------------------------------------------
    def link(self) -> Linking:
        """Cluster the collected names into entities (deterministic: all steps run in sorted order)."""
        nodes, redirect = self._nodes()
        keys = sorted(nodes)
        index = {k: i for i, k in enumerate(keys)}
        nl = [nodes[k] for k in keys]
        persons = {i: person_name(nl[i].rep()) for i in range(len(nl)) if nl[i].label == "PER"}
        raw_to_key = surname_map(persons.values())
        sk_set = set(raw_to_key.values())
        persons = {i: as_loose(nl[i].rep(), p, raw_to_key, sk_set) for i, p in persons.items()}
        pins: list[Optional[int]] = [self.aliases.keys.get(k) if self.aliases else None for k in keys]
        givens = [{persons[i].given} if i in persons and persons[i].is_full else set() for i in range(len(nl))]
        uf = UnionFind(len(nl), pins, givens)
        self._pin(uf, pins, index)
        sim_sur = self._merge_similar(nl, persons, uf)
        self._attach_loose(nl, persons, pins, sim_sur, raw_to_key, uf)
        self._join_acronyms(index, redirect, uf)

        def cluster_of(label: str, name: str) -> Optional[int]:
            node = index.get(resolve_redirect(redirect, (label, compact_key(name))))
            return uf.find(node) if node is not None else None

        renames = find_collisions(self.stats, self.rule, cluster_of)
        if not renames:
            return self._build(nl, uf, redirect, self.stats, self.rule)
        return self._build(nl, uf, redirect, split_stats(self.stats, renames, cluster_of), self.rule.renamed(renames))

    def _nodes(self):
        """One node per (label, compact key) of the resolved forms; genitive/inflected nodes fold
        into an attested nominative node (Lukaschenkos -> Lukaschenko). Returns nodes, redirects."""
        # 1. nodes: one per (label, compact key) of the resolved forms
        nodes: dict[tuple[str, str], NameNode] = {}
        for (label, form) in sorted(self._surfaces):
            key = compact_key(form)
            if not key:
                continue
            node = nodes.get((label, key))
            if node is None:
                node = nodes[(label, key)] = NameNode(label, key, Counter(), Counter(), set())
            surf = self._surfaces[(label, form)]
            node.forms[form] += sum(surf.values())
            node.surfaces.update(surf)
            node.articles |= self._articles[(label, form)]
        # 2. genitive / inflected forms fold into an attested nominative node (Lukaschenkos -> Lukaschenko)
        redirect: dict[tuple[str, str], tuple[str, str]] = {}
        raw_nodes: dict[tuple[str, str], tuple[str, str]] = {}
        for nk in sorted(nodes):
            for f in nodes[nk].forms:
                raw_nodes.setdefault((nk[0], raw_key(f)), nk)
        for nk in sorted(nodes):
            node = nodes[nk]
            rep = node.rep()
            if rep[-1:] not in "sn" or (self.aliases and self.aliases.row_for(*nk)):
                continue
            for stem in nominative_stems(rep, node.label):
                sk = raw_nodes.get((node.label, raw_key(stem)))
                if sk is not None and sk != nk:
                    redirect[nk] = sk
                    break
        for nk, sk in sorted(redirect.items()):
            while sk in redirect:
                sk = redirect[sk]
            tgt, src = nodes[sk], nodes.pop(nk)
            tgt.surfaces.update(src.surfaces)
            tgt.articles |= src.articles
            tgt.extra += src.count
            redirect[nk] = sk
        return nodes, redirect

    def _pin(self, uf: UnionFind, pins: list[Optional[int]], index: dict[tuple[str, str], int]) -> None:
        """Alias rows pin their variants together; then the built-in equivalents (exonyms)."""
        # 3. alias rows pin their variants together (they override name rules)
        by_pin: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(pins):
            if p is not None:
                by_pin[p].append(i)
        for p in sorted(by_pin):
            for j in by_pin[p][1:]:
                uf.union(by_pin[p][0], j, check_givens=False)
        # 4. built-in equivalents (exonyms, Belarusian forms)
        if self.use_builtin_equivalents:
            for label, variants in builtin_equivalents():
                ids = sorted({index[(label, compact_key(v))] for v in variants if (label, compact_key(v)) in index})
                for j in ids[1:]:
                    uf.union(ids[0], j)

    def _merge_similar(self, nl: list[NameNode], persons: dict[int, PersonName], uf: UnionFind) -> dict[str, list[str]]:
        """Full person names with equal/similar surnames and one given-name group merge; other
        names merge when one long token differs slightly. Returns similar surname keys."""
        # 5. persons with full names: same/similar surname and the same given-name group
        full = sorted(i for i, p in persons.items() if p.is_full)
        sur_keys = sorted({p.surname_key for p in persons.values()})
        sk_index = {k: n for n, k in enumerate(sur_keys)}
        sim = {(a, a): 100.0 for a in range(len(sur_keys))}
        for a, b, s in similar_pairs(sur_keys, self.surname_threshold):
            sim[(a, b)] = s
        by_sur_given: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i in full:
            by_sur_given[sk_index[persons[i].surname_key]][persons[i].given].append(i)
        edges: list[tuple[float, int, int]] = []
        for (a, b), s in sim.items():
            ga, gb = by_sur_given[a], by_sur_given[b]
            for g in sorted(set(ga) & set(gb)):
                if a == b:
                    edges.extend((-s, ga[g][0], j) for j in ga[g][1:])
                else:
                    edges.append((-s, min(ga[g][0], gb[g][0]), max(ga[g][0], gb[g][0])))
        # 6. other names (and unresolved surnames among themselves): one differing long token
        by_label: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(nl):
            if n.label != "PER" or (i in persons and not persons[i].is_full and persons[i].initial is None
                                    and " " not in n.rep()):
                by_label[n.label].append(i)
        for label in sorted(by_label):
            idx = by_label[label]
            thr = self.surname_threshold if label == "PER" else self.other_threshold
            for a, b, s in similar_pairs([nl[i].key for i in idx], thr):
                i, j = idx[a], idx[b]
                if tokenwise_similar(nl[i].rep(), nl[j].rep()):
                    edges.append((-s, i, j))
        for _s, i, j in sorted(edges):
            uf.union(i, j)
        sim_sur: dict[str, list[str]] = defaultdict(list)
        for a, b in sim:
            if a != b:
                sim_sur[sur_keys[a]].append(sur_keys[b])
                sim_sur[sur_keys[b]].append(sur_keys[a])
        return sim_sur

    def _attach_loose(self, nl: list[NameNode], persons: dict[int, PersonName], pins: list[Optional[int]],
                      sim_sur: dict[str, list[str]], raw_to_key: dict[str, str], uf: UnionFind) -> None:
        """Surname-only / initial persons join a full name only if exactly one candidate entity."""
        full = sorted(i for i, p in persons.items() if p.is_full)
        # 7. surname-only / initial persons join a full name only if exactly one candidate entity
        sur_full: dict[str, set[int]] = defaultdict(set)
        for i in full:
            sur_full[persons[i].surname_key].add(i)
        loose = sorted(i for i, p in persons.items() if not p.is_full and pins[i] is None)
        attach: list[tuple[int, int]] = []
        for i in loose:
            p = persons[i]
            rep = nl[i].rep()
            skeys = loose_keys(rep, p, raw_to_key)
            skeys |= {x for k in list(skeys) for x in sim_sur.get(k, []) if suffix_variant(k, x)}
            cands = {j for k in skeys for j in sur_full.get(k, ())}
            if p.initial:
                cands = {j for j in cands if initial_ok(p.initial, persons[j])}
            roots = {uf.find(j) for j in cands}
            if len(roots) == 1:
                attach.append((i, roots.pop()))
        for i, r in attach:
            uf.union(i, r)

    def _join_acronyms(self, index, redirect, uf: UnionFind) -> None:
        """Acronyms paired with a long form in articles join it when the pairing is (nearly) unique."""
        # 8. acronyms paired with a long form in articles join it when the pairing is (nearly) unique
        acro_votes: dict[int, Counter] = defaultdict(Counter)
        for (label, acro, long), c in sorted(self._acronyms.items()):
            ai, li = index.get(resolve_redirect(redirect, (label, compact_key(acro)))), \
                index.get(resolve_redirect(redirect, (label, compact_key(long))))
            if ai is not None and li is not None:
                acro_votes[ai][uf.find(li)] += c
        for ai in sorted(acro_votes):
            votes = acro_votes[ai]
            best = min(votes, key=lambda r: (-votes[r], r))
            if votes[best] >= self.acronym_share * sum(votes.values()):
                uf.union(ai, best)

    def _build(self, nl: list[NameNode], uf: UnionFind, redirect, stats: IdStats, rule: IdRule) -> Linking:
        """One entity per stable id (never renamed by clustering); a cluster that joins several
        ids makes them ``linked`` to each other."""
        clusters: dict[int, set[str]] = defaultdict(set)
        node_id: dict[tuple[str, str], str] = {}
        for i, node in enumerate(nl):
            ids = Counter()
            for form in node.forms:
                ids.update(stats.form_ids.get((node.label, form), {}))
            if ids:
                best = min(ids, key=lambda x: (-ids[x], x))
                node_id[(node.label, node.key)] = best
                clusters[uf.find(i)].update(ids)
        linked: dict[str, set[str]] = defaultdict(set)
        for ids in clusters.values():
            for eid in ids:
                linked[eid] |= ids - {eid}
        rows = {entity_id(r.label, r.name): r for r in self.aliases.rows} if self.aliases else {}
        entities = [self._entity(stats, eid, rows.get(eid), sorted(linked.get(eid, ()))) for eid in stats.labels]
        entities.sort(key=lambda e: (-e.mentions, e.entity_id))
        index = {e.entity_id: n for n, e in enumerate(entities)}
        node_entity = {k: index[v] for k, v in node_id.items()}
        for src, tgt in redirect.items():
            target = node_entity.get(resolve_redirect(redirect, tgt))
            if target is not None:
                node_entity.setdefault(src, target)
        return Linking(entities, node_entity, rule)

    def _entity(self, stats: IdStats, eid: str, row: Optional[AliasRow], linked: list[str]) -> Entity:
        known = self.rule.entity(eid)
        variants = stats.surfaces_of(eid)
        return Entity(eid, row.name if row else known.name if known else stats.name_of(eid), stats.labels[eid],
                      dict(sorted(variants.items(), key=lambda kv: (-kv[1], kv[0]))), sum(variants.values()),
                      len(stats.articles_of(eid)), (row.qid if row else None) or (known.qid if known else None) or None,
                      known.kind if known else None, linked)


from .passes import link_corpus, link_output, relink_output, rewrite_output  # noqa: E402  (passes use EntityLinker)
