"""Claim slots read from invented news sentences with the real quantity engine: one test per
kind of reading (measure, subject and partner, time, scope, modality, revision)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crosscheck.claims import extract_claims
from crosscheck.models import Article, Claim
from tests.records import slots_of

PUBLISHED = datetime(2024, 3, 6)  # a Wednesday


def claims_of(text: str, title: str = "", published: datetime | None = PUBLISHED
              ) -> list[Claim]:
    """The claims of one invented article."""
    a = Article(id="a", source_id="s", url="https://example.test/a",
                canonical_url="https://example.test/a", title=title, text=text,
                content_hash="h", published=published)
    return extract_claims(a)[0]


def claim(text: str, surface_part: str, title: str = "") -> Claim:
    """The one claim whose figure's surface contains `surface_part`."""
    found = [c for c in claims_of(text, title) if surface_part in c.quantity.surface]
    assert len(found) == 1, [(c.quantity.surface, c.frame) for c in claims_of(text, title)]
    return found[0]


# --- measure -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,figure,measure", [
    ("At least 62 people were killed in the attack in Moscow, officials said.", "62", "deaths"),
    ("The attack in Moscow killed 62 people and injured 145, officials said.", "145", "injured"),
    ("The death toll in Derna has risen to 5,300, the ministry said.", "5,300", "deaths"),
    ("The fire in Greece claimed 26 lives, the fire service said.", "26", "deaths"),
    ("Some 850 people remain missing in Hawaii, the mayor said.", "850", "missing"),
    ("China has about 500 nuclear warheads, SIPRI said.", "500", "warheads"),
    ("Russia has massed 100,000 soldiers near Ukraine, officials said.", "100,000", "troops"),
    ("About 55% of Germany's gas came from Russia, the ministry said.", "55%",
     "share of gas"),
    ("China raised its defence budget by 7.2% this year, Xinhua said.", "7.2%", "budget"),
    ("Police in Kenya said 11 suspects had been detained.", "11", "arrested"),
    # a place phrase between the people and what happened to them
    ("Officials said 3,000 people in the Lamu district were evacuated.", "3,000", "evacuated"),
    # a people word naming the kind of the noun after it: that noun is what is counted
    ("Officials put the death toll of the crowd crush in India at 37.", "37", "deaths"),
    ("Police said 150 injured people were taken to hospital in Kenya.", "150", "injured"),
    # one count of two fates is a measure of its own, not the toll
    ("The storm in Mexico left 100 people dead or missing, officials said.", "100",
     "deaths or missing"),
    ("The number of people killed or missing in Mexico has climbed to nearly 100.", "100",
     "deaths or missing"),
    ("Some 100,000 soldiers have been killed or wounded, officials said.", "100,000",
     "casualties"),
    ("An inquiry found that as many as 81 people may have lost their lives in India.", "81",
     "deaths"),
])
def test_measure_is_read_from_the_figure_and_its_clause(text: str, figure: str,
                                                        measure: str) -> None:
    assert slots_of(claim(text, figure)).measure.value == measure


def test_a_count_of_people_with_nothing_happening_to_them_names_no_measure() -> None:
    c = claim("Five children in Kenya took part in the contest, organisers said.", "Five")
    assert not slots_of(c).measure.read


def test_a_figure_that_names_nothing_borrows_the_measure_before_it() -> None:
    text = "Russia has 6,255 warheads and the United States follows with 5,550, SIPRI said."
    c = claim(text, "5,550")
    assert slots_of(c).measure.value == "warheads" and "carried" in slots_of(c).measure.words
    assert slots_of(c).subject.value == "United States"


def test_level_and_change_are_told_apart() -> None:
    def change(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).change

    assert change("Exports from Chile rose 15% last year.", "15%") == "change"
    assert change("Chile holds a 15% share of the copper market.", "15%") == "level"
    assert change("The toll in Turkey rose by 1,200 overnight.", "1,200") == "change"
    assert change("The toll in Turkey rose to 1,200 overnight.", "1,200") == "level"
    # a change noun the figure is given for: "the loss at", "the rise ... stood at"
    assert change("Officials put the loss at 14 cubic kilometers of water.", "14") == "change"
    assert change("The rise in prices stood at 3 percent in May.", "3 percent") == "change"
    assert change("The toll stood at 300 on Monday.", "300") == "level"


# --- subject and partner -----------------------------------------------------------------
def test_subject_is_the_owner_of_the_figure() -> None:
    c = claim("SIPRI put China's arsenal at 350 warheads.", "350")
    assert slots_of(c).subject.value == "China"


@pytest.mark.parametrize("text, figure, country", [
    ("The fire in Hawaii killed at least 89 people, authorities said.", "89", "United States"),
    ("The floods in Kathmandu killed at least 42 people, police said.", "42", "Nepal"),
    ("Floods across Bolivia displaced 8,000 families, the government said.", "8,000", "Bolivia"),
    ("The army said 4,000 Ecuadorean soldiers were deployed.", "4,000", "Ecuador"),
    # a state or province (ISO 3166-2's first level) the sentence names without its country
    ("Floods in Bihar killed 12 people, the state government said.", "12", "India"),
    ("Flooding in Sindh displaced 30,000 people, officials said.", "30,000", "Pakistan"),
])
def test_a_place_stands_for_its_country(text: str, figure: str, country: str) -> None:
    # a US state, a capital, a country and its people the hand-written tables never named
    assert slots_of(claim(text, figure)).subject.value == country


def test_a_short_or_lower_case_place_name_is_no_place() -> None:
    # "Male" (the Maldives' capital) opens sentences as a word; "guinea" is a country only as
    # "Guinea"
    c = claim("Male victims made up 60 percent of the 300 dead, the ministry said.", "300")
    assert slots_of(c).subject.value != "Maldives"
    c = claim("The guinea fowl flock grew to 300 birds, the farm said.", "300")
    assert slots_of(c).subject.value != "Guinea"


def test_a_list_that_leaves_out_the_verb_gives_each_figure_its_source() -> None:
    text = ("Agencies did not agree on how strong the tremor in Chile was: the national centre "
            "recorded 6.4, the German Research Centre for Geosciences 5.7 and the U.S. "
            "Geological Survey 5.6.")
    assert claim(text, "5.7").attribution == "the German Research Centre for Geosciences"
    assert claim(text, "5.6").attribution == "the U.S. Geological Survey"
    assert {slots_of(c).subject.value for c in claims_of(text)} == {"Chile"}
    places = claims_of("The ministry reported 105 deaths in Jajarkot, Rukum West 52.")
    assert {c.attribution for c in places} == {"ministry"}  # a place in the list, no source


def test_the_source_is_not_the_subject() -> None:
    text = "Ukraine's general staff said 55,110 Russian soldiers had been killed."
    c = claim(text, "55,110")
    assert slots_of(c).subject.value == "Russia" and "general staff" in (c.attribution or "")


def test_subject_falls_back_to_the_article_and_says_so() -> None:
    c = claim("The toll has risen to 133, investigators said.", "133",
              title="Moscow concert hall attack: toll rises")
    assert slots_of(c).subject.value == "Russia" and slots_of(c).subject.origin == "article"


def test_the_article_lends_its_country_before_the_name_of_its_event() -> None:
    text = ("A quake of magnitude 6.4 hit western Chile shortly before midnight. The newest "
            "figures of the emergency centre say the dead have reached 133.")
    c = claim(text, "133", title="Atacama Earthquake Disaster: Death Toll Climbs to 133")
    assert slots_of(c).subject.value == "Chile" and slots_of(c).subject.origin == "article"


def test_the_sentences_one_country_comes_before_the_articles() -> None:
    # the figure's clause names none; an aside of the sentence names one: the sentence's
    c = claim("With 4,120 deaths, the latest toll Peru has announced, the number of dead in "
              "both countries passed 9,000.", "4,120", title="Chile and Peru quake toll")
    assert (slots_of(c).subject.value, slots_of(c).subject.origin) == ("Peru", "sentence")


def test_an_area_of_another_clause_is_not_the_figures_subject() -> None:
    c = claim("The toll reached 4,120, the officials said on Friday, and the number of dead in "
              "both countries passed 9,000.", "4,120", title="Peru quake toll")
    assert slots_of(c).subject.value == "Peru"
    d = claim("The toll reached 4,120, the officials said on Friday, and the number of dead in "
              "both countries passed 9,000.", "9,000", title="Peru quake toll")
    assert slots_of(d).subject.value == "both countries"


def test_a_name_in_an_adjunct_of_time_or_control_is_not_the_subject() -> None:
    c = claim("The death toll from the strike on the plant in Enerhodar, a town under Russia's "
              "control since 2022, has climbed to 45, officials said.", "45",
              title="Ukraine: strike on the plant kills dozens")
    assert slots_of(c).subject.value == "Ukraine"
    c = claim("After Russia's attack on the port, 14 ships were stuck in Odesa.", "14")
    assert slots_of(c).subject.value == "Ukraine"  # Odesa's country, not the attacker


def test_an_unknown_place_is_not_read_as_its_sources_country() -> None:
    c = claim("The flood has killed 120 people in Ruritania, the UN said.", "120")
    assert slots_of(c).subject.value == "Ruritania"


def test_the_partner_of_a_flow_is_kept() -> None:
    c = claim("North Korea has sold 1 million to 3 million artillery shells to Russia.", "million")
    assert (slots_of(c).subject.value, slots_of(c).partner.value) == ("North Korea", "Russia")


# --- time --------------------------------------------------------------------------------
@pytest.mark.parametrize("text,figure,period", [
    ("Exports from Chile grew 12% in 2023, the office said.", "12%", "2023"),
    ("Exports from Chile grew 18% in the first half of 2023.", "18%", "2023-H1"),
    ("China had 410 warheads in January 2023, SIPRI said.", "410", "2023-01"),
    ("China had more than 600 warheads as of mid-2024, the Pentagon said.", "600", "2024-mid"),
    ("SIPRI put China's arsenal at 350 warheads, compared with 320 last year.", "320", "2023"),
    ("More than 12,000 people have been killed in Sudan since April.", "12,000", "since 2023-04"),
])
def test_period_is_read_against_the_article_date(text: str, figure: str, period: str) -> None:
    assert slots_of(claim(text, figure)).period.value == period


def test_a_weekday_dates_the_figure() -> None:
    c = claim("The toll in Derna stood at 5,300 on Monday, the ministry said.", "5,300")
    assert c.as_of == date(2024, 3, 4)


def test_the_day_of_another_event_is_not_the_figure_date() -> None:
    c = claim("The toll from Friday night's attack in Moscow has risen to 137.", "137")
    assert c.as_of == date(2024, 3, 6)


def test_by_a_future_year_is_a_projection_target() -> None:
    c = claim("China will have over 1,000 warheads by 2030, the Pentagon said.", "1,000")
    assert slots_of(c).modality.value == "projection" and not slots_of(c).period.read


# --- scope, modality, revision ------------------------------------------------------------
def test_modifiers_and_restrictions_are_scope() -> None:
    def scope(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).scope.value

    assert "operational" in scope("China has more than 600 operational warheads.", "600")
    assert "alone" in scope("The toll in Derna alone topped 2,000.", "2,000")
    assert "within 50 km" in scope("Kenya evacuated 5,000 people within 50 km of the river.",
                                   "5,000")
    assert "capital" in scope("Turnout in the capital of Chile was 41%.", "41%")


def test_a_quake_magnitude_inside_a_noun_phrase_lends_no_measure() -> None:
    def measure(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).measure.value

    # the measure word stands before the quake the magnitude names
    assert measure("The junta says the toll of the magnitude 7.7 earthquake has climbed to "
                   "694, with 1,670 people hurt.", "694") == "deaths"
    assert measure("The government now puts the dead from the 7.7 magnitude earthquake at "
                   "1,000, with 1,670 injured.", "1,000") == "deaths"
    # a magnitude is carried to a number on its scale only
    assert measure("A magnitude 7.7 quake struck at midday, and then 6.2 an hour later.",
                   "6.2") == "magnitude"
    assert measure("A magnitude 7.7 quake struck at midday, and then 300 an hour later.",
                   "300") != "magnitude"


def test_a_country_speaking_in_the_figures_clause_is_its_subject() -> None:
    def subject(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).subject.value

    text = ("In Myanmar at least 144 people are confirmed dead, while Thailand has reported "
            "10 fatalities.")
    assert subject(text, "10 fatalities") == "Thailand"
    assert subject(text, "144") == "Myanmar"
    # a body whose name opens with a demonym is no government
    text = ("Nepal's seismology centre gave the quake a magnitude of 6.4, but the German "
            "Research Centre for Geosciences put it at 5.7.")
    assert subject(text, "5.7") != "Germany"


def test_people_with_burns_or_injuries_are_the_injured() -> None:
    text = "The health ministry said 290 people with burns were being treated in hospitals."
    assert slots_of(claim(text, "290")).measure.value == "injured"
    text = "Medics carried 40 patients with serious injuries to the city's hospital."
    assert slots_of(claim(text, "40")).measure.value == "injured"
    assert slots_of(claim("The ministry said 290 people were in the building.", "290")
                    ).measure.value != "injured"


def test_an_event_of_another_nouns_phrase_is_not_the_things() -> None:
    def measure(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).measure.value

    assert measure("Experts have conducted 95 autopsies on the people who died.", "95") == \
        "autopsy"
    assert measure("Experts have conducted 95 autopsies on bodies received since the flood.",
                   "95") == "autopsy"
    assert measure("At least 3,000 people in the Lamu district were evacuated.", "3,000") == \
        "evacuated"  # a person's own event, across a place phrase


def test_a_year_named_as_another_things_date_is_not_the_figures_period() -> None:
    text = ("Officials have named 2028 as the completion date and estimate that the project "
            "will cost $1.7 billion.")
    assert not slots_of(claim(text, "$1.7 billion")).period.read
    assert slots_of(claim("The project cost $1.7 billion in 2028.", "$1.7 billion")
                    ).period.value == "2028"


def test_the_country_people_come_from_is_not_the_figures_subject() -> None:
    title = "Gunmen attack a concert hall near Moscow"
    text = "Four natives of Tajikistan are named as the perpetrators."
    assert slots_of(claim(text, "Four", title)).subject.value == "Russia"
    text = "Police held four Tajik citizens over the attack."
    assert slots_of(claim(text, "four", title)).subject.value == "Russia"
    # nor where things were made
    text = ("The pagers that went off in the attack in Lebanon were made in Budapest and each "
            "carried two ounces of explosive.")
    assert slots_of(claim(text, "two ounces")).subject.value == "Lebanon"
    # a country's own body is not where its people come from
    text = "Nepal's National Seismological Centre put the magnitude at 6.4."
    assert slots_of(claim(text, "6.4")).subject.value == "Nepal"


@pytest.mark.parametrize("text,figure", [
    ("By the army's estimate 88,000 people took part in the protests.", "88,000"),
    ("The ministry said about 107,000 people were there at the height of the protest.",
     "107,000"),
    ("The ministry estimates that at most 107,000 people gathered at the protest.", "107,000"),
    ("Witnesses said more than half a million people were protesting in Belgrade.",
     "half a million"),
])
def test_people_taking_part_in_a_protest_are_its_crowd(text: str, figure: str) -> None:
    assert slots_of(claim(text, figure)).measure.value == "crowd"


def test_rival_estimates_in_one_sentence_are_each_their_sources_and_no_part() -> None:
    text = ("By the army's estimate 88,000 people took part in the protests, and the police "
            "put the figure at 107,000, he said.")
    found = {c.quantity.surface: c for c in claims_of(text, "Protest in Belgrade")}
    assert found["88,000 people"].attribution == "army"
    assert found["107,000"].attribution == "police"
    assert "part" not in slots_of(found["107,000"]).scope.value.split("+")


def test_the_speaker_nearest_the_figure_is_its_source() -> None:
    text = "He said the authorities estimated the protesters at between 88,000 and 107,000."
    (found,) = claims_of(text, "Protest in Belgrade")
    assert found.attribution == "authorities"  # as he reports it, the authorities' estimate
    (found,) = claims_of("The minister said 40 people died.", "Floods")
    assert found.attribution == "minister"


def test_the_owner_of_a_figure_of_n_is_its_source() -> None:
    text = ("An inquiry by the Daily Courier found that at least 82 people died in the crush, "
            "which challenges the Punjab government's figure of 37 deaths.")
    assert {c.quantity.surface: c.attribution for c in claims_of(text, "Crush")} == {
        "at least 82 people": "inquiry by the Daily Courier", "37 deaths": "Punjab government"}
    (found,) = claims_of("Last year's toll of 40 deaths was lower.", "Crush")
    assert found.attribution is None  # a time's, no one's


@pytest.mark.parametrize("text,figure,speaker", [
    ("Reuters counted 39 bodies and said police sources had confirmed a toll of nearly 40.",
     "nearly 40", "police sources"),
    ("In the evening District Officer Raj Mehta told reporters that 30 people had died.", "30",
     "District Officer Raj Mehta"),
    ("On Thursday the Harbour Authority said the first phase would cost $73 million.", "$73",
     "Harbour Authority"),
    ("Earlier on Tuesday Avanesyan said 125 people were killed in the blast.", "125",
     "Avanesyan"),
    ("Mexican authorities on Thursday raised the toll to 50 dead and 30 missing.", "50",
     "Mexican authorities"),
    # the speaker's tense, and the data it speaks through, are not its name
    ("The government had earlier reported that 27 people had died in the storm.", "27",
     "government"),
    ("The toll has risen to 39, according to the latest government figures.", "39",
     "government"),
    ("The toll has risen to 39, according to official figures.", "39", "official figures"),
])
def test_a_speaker_is_named_without_the_verb_or_the_time_before_it(text: str, figure: str,
                                                                    speaker: str) -> None:
    assert claim(text, figure).attribution == speaker


def test_the_part_of_the_day_a_figure_is_given_for() -> None:
    text = ("The governor said 45 people were dead; on Sunday morning she had put the toll at "
            "43. On Sunday afternoon, the federal authorities had said 48 people were dead.")
    assert {c.quantity.surface: slots_of(c).day_part for c in claims_of(text)} == {
        "45 people": "", "43": "morning", "48 people": "afternoon"}
    text = "At the morning news conference the president was asked about the 48 dead."
    assert slots_of(claim(text, "48")).day_part == ""  # a kind of conference, not a time


def test_a_count_by_sex_or_age_beside_another_is_a_breakdown() -> None:
    found = {c.quantity.surface: slots_of(c) for c in claims_of(
        "The updated toll of the storm in Mexico counts 29 men and 10 women.", "Storm")}
    assert set(found) == {"29 men", "10 women"}  # "men" is a plural noun, as "women" is
    assert all("part" in s.scope.value.split("+") for s in found.values())
    (alone,) = claims_of("The group has 25,000 men near the border in Mali.", "Mali")
    assert "part" not in slots_of(alone).scope.value.split("+")


def test_a_speaker_opening_the_sentence_speaks_for_its_later_clauses() -> None:
    # a title and a name before the saying verb, a figure in a relative clause after it
    text = ("Senior police officer Raj Mehta told reporters that 90 people were taken to "
            "hospital after the crush, of whom 30 died while the rest were treated.")
    assert {c.attribution for c in claims_of(text, "Crush at a festival")} == {
        "Senior police officer Raj Mehta"}
    # "updated" is an adjective after "The", not a speaker's verb
    text = "The updated toll of the storm in Mexico counts 29 men and 10 women."
    assert "The" not in {c.attribution for c in claims_of(text, "Storm in Mexico")}


def test_people_a_protest_story_says_were_there_are_its_crowd() -> None:
    text = "Some international media reported that 800,000 to 1,000,000 people were in Belgrade."
    (found,) = claims_of(text, "Huge protest in Belgrade")
    assert slots_of(found).measure.value == "crowd"
    assert slots_of(found).measure.origin == "article"  # lent by the story, and marked so
    (other,) = claims_of("Some 800 people were in the hall when the fire broke out.",
                         "Fire in Belgrade")
    assert slots_of(other).measure.value != "crowd"  # no protest: nothing counted


def test_a_possessive_before_count_or_estimate_makes_it_a_noun_not_a_speaker() -> None:
    (found,) = claims_of("In Tuesday's count 40 were dead.", "Floods")
    assert found.attribution is None  # a day's count: nobody said it
    (found,) = claims_of("The ministry counts 40 dead.", "Floods")
    assert found.attribution == "ministry"


def test_a_participle_not_ending_in_ed_is_not_the_thing_measured() -> None:
    text = "Up to three grams of explosives hidden in the pagers went unnoticed for months."
    assert slots_of(claim(text, "three grams")).measure.value == "explosive"


def test_a_provincial_bodys_count_is_its_provinces() -> None:
    text = ("The newest figures of the Karnali Province Emergency Operations Center put the toll "
            "at 133.")
    assert "in Karnali" in slots_of(claim(text, "133", "Quake in Nepal")).scope.value.split("+")
    text = "Nepal's home ministry put the toll at 157."
    assert slots_of(claim(text, "157", "Quake in Nepal")).scope.value == ""


def test_a_list_of_figures_shares_its_verb() -> None:
    def measure(text: str, figure: str) -> str:
        return slots_of(claim(text, figure)).measure.value

    after = ("The army said 170 drones, 40 cruise missiles and 150 ballistic missiles were "
             "fired at Israel.")
    assert measure(after, "40 cruise") == measure(after, "150") == "missiles launched"
    before = "Iran fired 170 attack drones, 120 ballistic missiles and 30 cruise missiles."
    assert measure(before, "120") == measure(before, "30 cruise") == "missiles launched"
    # the next clause's own subject and verb are not the figure's
    assert measure("Russia has 30 drones and Ukraine destroyed 25 of them.", "30") == "drones"


def test_only_restricts_what_it_governs_not_the_figure_it_stresses() -> None:
    def scope(text: str, figure: str) -> list[str]:
        return slots_of(claim(text, figure)).scope.value.split("+")

    assert "only" in scope("Officials counted 40 dead in the capital only.", "40")
    assert "only" in scope("Only in Mandalay did 68 people remain missing.", "68")
    # "only" that says the figure is small: the same fact as the bare figure
    assert "only" not in scope("Only 21 of the 68 bodies have been identified.", "21")
    assert "only" not in scope("Only about 250,000 tons moved in July.", "250,000 tons")
    assert "only" not in scope("The only road is jammed with hundreds of cars.", "hundreds")
    # a marker across a relative pronoun restricts the other clause
    text = ("These counts cover only the Mandalay region near the epicentre, where 68 people "
            "are still missing.")
    assert "only" not in scope(text, "68 people")


def test_a_scope_word_inside_a_name_is_no_scope() -> None:
    text = "Chile's National Seismological Centre put the magnitude at 6.4."
    assert "nationwide" not in slots_of(claim(text, "6.4")).scope.value
    text = "Chile's Official Statistics Office counted 1,200 warheads."
    assert "official" not in slots_of(claim(text, "1,200")).scope.value
    assert "nationwide" in slots_of(claim("Turnout nationwide was 41% in Chile.", "41%")
                                    ).scope.value


def test_a_place_with_or_without_its_kind_is_one_scope() -> None:
    lead = "Quake in Jajarkot kills 128 in Chile"
    one = slots_of(claim("Police said 92 died in Jajarkot and 52 in Rukum West district.", "52",
                         lead)).scope.value
    other = slots_of(claim("Police said 92 died in Jajarkot and 52 in Rukum West.", "52",
                           lead)).scope.value
    assert "in Rukum West" in one.split("+") and "in Rukum West" in other.split("+")


def test_a_place_named_by_its_kind_stands_for_the_articles_country() -> None:
    c = claim("The tremor in the Jajarkot region had a magnitude of 6.4.", "6.4",
              "Quake in Chile kills 128")
    assert slots_of(c).subject.value == "Chile"


def test_districts_named_together_are_a_place_of_the_sentences_country() -> None:
    text = "A quake of magnitude 6.4 hit the Jajarkot and Rukum West districts of Chile."
    assert slots_of(claim(text, "6.4")).subject.value == "Chile"


def test_figures_given_place_by_place_are_parts_even_of_the_leads_place() -> None:
    text = "Police said 92 people died in Jajarkot and 36 died in Rukum West district."
    title = "Quake in Jajarkot kills 128 in Chile"
    assert "in Jajarkot" in slots_of(claim(text, "92", title)).scope.value
    alone = "Police said 92 people died in Jajarkot."  # the lead's place, no other: the whole
    assert "in Jajarkot" not in slots_of(claim(alone, "92", title)).scope.value


# An invented story in invented districts of Chile, none of them in the gazetteer.
_DISTRICTS = ("Floods hit the Varsel district of Chile on Friday, the army said. Rescuers in "
              "Varsel and in Lombardo Alto dug through mud all night, and roads near Lombardo "
              "Alto were cut. ")


def test_a_place_the_article_puts_things_in_is_a_place_opening_a_sentence() -> None:
    text = _DISTRICTS + "Varsel lost the most, with 40 dead, and Lombardo Alto counted 12 dead."
    forty, twelve = (slots_of(claim(text, n)) for n in ("40", "12"))
    assert "in Varsel" in forty.scope.value.split("+")
    assert "in Lombardo Alto" in twelve.scope.value.split("+")
    assert forty.subject.value == twelve.subject.value == "Chile"


def test_a_place_named_once_is_not_taken_for_a_place_elsewhere() -> None:
    once = "Floods hit Chile on Friday. Rescuers in Varsel dug all night. " \
        "Varsel lost the most, with 40 dead, and Lombardo Alto counted 12 dead."
    assert "in Varsel" not in slots_of(claim(once, "40")).scope.value.split("+")


def test_a_town_that_counts_is_where_the_count_is_not_its_source() -> None:
    text = _DISTRICTS + "Varsel lost the most, with 40 dead, and Lombardo Alto counted 12 dead."
    assert claim(text, "12").attribution is None
    capital = "Floods hit Chile on Friday. Santiago counted 12 dead, the army said."
    assert claim(capital, "12").attribution  # a capital speaking is its government


def test_figures_and_places_that_take_turns_pair_up() -> None:
    text = _DISTRICTS + "Varsel has seen 40 deaths, including 9 children, while in Lombardo " \
        "Alto 12 people died."
    assert "in Varsel" in slots_of(claim(text, "40")).scope.value.split("+")
    assert "in Lombardo Alto" in slots_of(claim(text, "12")).scope.value.split("+")
    listed = _DISTRICTS + "In Varsel and Lombardo Alto, 40 people died and 12 are missing."
    assert "in Varsel" not in slots_of(claim(listed, "40")).scope.value.split("+")


def test_every_figure_of_a_list_takes_the_measure_before_it() -> None:
    text = "The army put the dead at 52 people, 30 people in Varsel and 22 people in Lombardo."
    assert slots_of(claim(text, "22")).measure.value == "deaths"  # the third, too


def test_men_and_women_of_a_place_are_parts_of_its_toll() -> None:
    text = _DISTRICTS + "The dead were 30 women and 10 men in Varsel, and 8 men and 4 women " \
        "in Lombardo Alto."
    assert "part" in slots_of(claim(text, "8")).scope.value.split("+")


def test_a_part_of_a_total_named_by_its_own_place_is_that_place_s_figure() -> None:
    text = _DISTRICTS + "The army put the dead at 52, reportedly 40 in Varsel and 12 in " \
        "Lombardo Alto."
    forty = slots_of(claim(text, "40")).scope.value.split("+")
    assert "in Varsel" in forty and "part" not in forty


@pytest.mark.parametrize("text,figure,modality", [
    ("China's fleet is expected to reach 435 ships by 2030.", "435", "projection"),
    ("The silos in Ukraine could hold 2 million tonnes of grain.", "2 million", "capacity"),
    ("Kenya set a target of 5 million trees this year.", "5 million", "target"),
    ("Russia plans to spend $100 billion on defence, the ministry said.", "$100", "plan"),
    ("The ministry in Kenya wants to hire 5,000 teachers.", "5,000", "plan"),
    ("Kenya hopes to plant 15 million trees this year.", "15 million", "plan"),
    ("Up to 10,000 people in Kenya could be displaced if the river bursts its banks.",
     "10,000", "hypothetical"),
    ("About 10,000 people may have died in Kenya, the UN said.", "10,000", "reported"),
    ("The previous count of 115 dead in Hawaii was lowered.", "115", "previous"),
    ("China has about 370 ships, the Pentagon said.", "370", "reported"),
    ("The army denied reports that 500 soldiers had died near the river.", "500", "rejected"),
    ("Fake posts spread online; one said that 90 buses had sunk in the port.", "90",
     "rejected"),
    ("The army said 500 soldiers had died near the river.", "500", "reported"),
    ("The ministry said the strikes aimed at the depots had killed 14 people.", "14", "reported"),
    ("The government aims at 5 million new trees.", "5 million", "plan"),
])
def test_modality(text: str, figure: str, modality: str) -> None:
    assert slots_of(claim(text, figure)).modality.value == modality


def test_a_dated_earlier_report_is_a_report_of_its_day() -> None:
    text = "The committee's previous report, issued on Monday, had put the toll in Moscow at 133."
    c = claim(text, "133")
    assert slots_of(c).modality.value == "reported" and c.as_of == date(2024, 3, 4)


def test_revised_figures_are_old_and_new() -> None:
    text = "The toll in Hawaii was revised to 97, down from the previous count of 115."
    assert slots_of(claim(text, "97")).revision.value == "new"
    assert slots_of(claim(text, "115")).revision.value == "old"


@pytest.mark.parametrize("text,new,old", [
    ("The ministry said 340 people were hurt in Kharkiv, not 410 as first reported.", "340",
     "410"),
    ("The number of evacuees was 1,250 and not about 1,600 as initially announced, the "
     "governor said.", "1,250", "1,600"),
])
def test_a_correction_by_negation_gives_the_new_and_the_old_figure(text: str, new: str,
                                                                   old: str) -> None:
    assert slots_of(claim(text, new)).revision.value == "new"
    assert slots_of(claim(text, old)).revision.value == "old"


@pytest.mark.parametrize("text,new,old", [
    ("The agency raised its estimate of the displaced to 14,000, up from 9,000.", "14,000",
     "9,000"),
    ("The figure of 260 missing was later reduced to 80 by the coast guard.", "80", "260"),
    ("Officials cut the toll to 45; they had earlier put it at 61.", "45", "61"),
    ("The ministry now says 80 people are missing, not 260 as it said on Monday.", "80",
     "260"),
    ("Authorities raised the official death toll to 412 from 385.", "412", "385"),
    ("The UN has trimmed its estimate of people in need to 9,000 from 12,000.", "9,000",
     "12,000"),
    ("The health ministry lifted its count of the dead to 412 from 385.", "412", "385"),
])
def test_an_authority_changing_its_own_count_is_a_revision(text: str, new: str, old: str
                                                           ) -> None:
    assert slots_of(claim(text, new)).revision.value == "new"
    assert slots_of(claim(text, old)).revision.value == "old"


@pytest.mark.parametrize("text,new,old", [
    ("The number of displaced rose to 14,000, up from 9,000 a week ago.", "14,000", "9,000"),
    # a verb that changes what is counted, not the count: the troops grew
    ("Russia increased the number of troops on the border to 41,200 from 38,500.", "41,200",
     "38,500"),
])
def test_a_count_that_rose_is_no_revision(text: str, new: str, old: str) -> None:
    assert not slots_of(claim(text, new)).revision.read
    assert not slots_of(claim(text, old)).revision.read


def test_a_negated_figure_without_an_earlier_report_is_no_revision() -> None:
    text = "Officials said 340 people were hurt, not 410 people who were evacuated."
    assert not slots_of(claim(text, "410")).revision.read


def test_a_change_from_one_figure_to_another_gives_both() -> None:
    cs = claims_of("The world's stock of nuclear weapons rose from 12,512 to 12,815 units.")
    assert sorted(c.quantity.low for c in cs) == [12512, 12815]
    start = [c for c in cs if c.quantity.low == 12512][0]
    assert slots_of(start).modality.value == "previous"  # where the change started, undated


def test_running_totals_are_marked() -> None:
    c = claim("Ukraine has exported 719,549 tonnes of grain since August 1.", "719,549")
    assert slots_of(c).running


def test_a_named_thing_the_figure_describes_is_its_subject() -> None:
    c = claim("Divers reached the wreck of the 250-metre (820-foot) Aurora on Monday.", "250")
    assert (slots_of(c).subject.value, slots_of(c).measure.value) == ("Aurora", "length")
    d = claim("The Aurora is a 230-metre tanker, the owner said.", "230")
    assert (slots_of(d).subject.value, slots_of(d).measure.value) == ("Aurora", "length")
    e = claim("Captain Ines Duarte, 61, was at the helm.", "61")
    assert "Ines Duarte" in slots_of(e).subject.value


def test_a_weekday_with_its_s_is_no_place_and_the_story_event_no_cause_scope() -> None:
    first = slots_of(claim("More than 60 people died in Monday's blast at a depot in Chile.",
                           "60"))
    assert first.scope.value == "" and first.subject.value == "Chile"
    second = slots_of(claim("At least 60 people were killed by the explosion in Chile.", "60"))
    assert second.scope.value == ""  # the blast's toll, as in the first sentence
    wounds = slots_of(claim("Of the dead in Chile, 40 were killed by gunshot wounds.", "40"))
    assert "by gunshot" in wounds.scope.value  # a part of the toll stays a scope
    counted = slots_of(claim("In Chile, 60 people were confirmed dead by the Red Cross.", "60"))
    assert "by" not in counted.scope.value  # who confirmed them is no cause


def test_people_who_lost_their_lives_are_the_dead() -> None:
    c = claim("The Red Cross said 2,122 people lost their lives in the quake in Chile.", "2,122")
    assert slots_of(c).measure.value == "deaths"


def test_a_quakes_magnitude_is_read_in_its_usual_phrasings() -> None:
    for text, figure in [("A 7.1 magnitude earthquake struck Chile.", "7.1"),
                         ("The quake had a magnitude of 6.2, the agency said.", "6.2"),
                         ("The USGS gave it as M 6.8.", "6.8"),
                         ("The 6.4-magnitude quake hit at dawn.", "6.4"),
                         ("It measured 5.9 on the Richter scale.", "5.9")]:
        assert slots_of(claim(text, figure)).measure.value == "magnitude", text
    counted = claims_of("Five aftershocks and two earthquakes hit Chile.")
    assert all(slots_of(c).measure.value != "magnitude" for c in counted)
    agencies = ("Agencies did not agree on how strong the tremor in Chile was: the national "
                "centre recorded 6.4 and the U.S. Geological Survey 5.6.")
    assert [slots_of(c).measure.value for c in claims_of(agencies)] == ["magnitude"] * 2
    hit = slots_of(claim("A quake of magnitude 6.4 hit Atacama Province in Chile.", "6.4"))
    assert hit.scope.value == ""  # a quake's magnitude is of the quake, not of a province


def test_the_side_that_holds_an_area_is_a_scope() -> None:
    rebel = slots_of(claim("Rescuers counted 147 deaths in the rebel-held northwest of Chile.",
                           "147"))
    held = slots_of(claim("State media said 1,262 people died in government-controlled areas of "
                          "Chile.", "1,262"))
    whole = slots_of(claim("The ministry said 300 people died in Chile.", "300"))
    assert (rebel.scope.value, held.scope.value, whole.scope.value) == (
        "rebel-held", "government-held", "")


def test_both_countries_in_the_figures_clause_beat_a_country_named_before_it() -> None:
    both = slots_of(claim("Rescuers in Chile and Peru are racing the cold, and the toll of the "
                          "quake in both countries has climbed to 1,383, the authorities said.",
                          "1,383"))
    assert both.subject.value == "both countries"
    one = slots_of(claim("Rescuers in Chile say the quake's toll has climbed to 1,383.", "1,383"))
    assert one.subject.value == "Chile"


def test_the_year_a_record_is_measured_against_is_no_period() -> None:
    record = slots_of(claim("Inflation in Chile hit 9%, the highest since 1982.", "9%"))
    assert not record.period.read
    period = slots_of(claim("Chile's exports have risen 12% since 2014.", "12%"))
    assert period.period.value.startswith("since 2014")


def test_a_magnitudes_qualifiers_are_no_scope() -> None:
    moment = slots_of(claim("A quake of moment magnitude 6.9 struck Chile.", "6.9"))
    plain = slots_of(claim("A 7.1 magnitude quake struck Chile.", "7.1"))
    assert moment.measure.value == plain.measure.value == "magnitude"
    assert moment.scope.value == plain.scope.value == ""


@pytest.mark.parametrize("text,figure", [
    ("Air defences shot down 95% of the 60 drones that Russia launched, the air force said.",
     "95%"),
    ("The air force said 80 per cent of the drones fired on Tuesday had been intercepted.",
     "80 per cent"),
    ("Russia fired 40 missiles and drones overnight, and 70 percent were intercepted, the air "
     "force said.", "70 percent"),
    ("Crews brought down 64% of the attack drones, the navy said.", "64%"),
])
def test_a_share_that_met_an_event_is_read_past_the_whole_it_is_of(text: str,
                                                                   figure: str) -> None:
    # the count of the whole ("the 60 drones"), a participle on it ("fired on Tuesday") and
    # a whole left unsaid ("70 percent were intercepted") do not hide what happened to them
    assert slots_of(claim(text, figure)).measure.value == "share downed"


def test_a_length_restated_in_brackets_still_measures_the_thing_after_it() -> None:
    text = "The 1,100-foot (335-meter) tanker struck the pier at dawn, the port said."
    assert slots_of(claim(text, "1,100")).measure.value == "ships"


def test_a_speed_restated_after_a_comma_is_the_same_figure_not_a_part_of_it() -> None:
    text = "The tanker was sailing at 12 knots, roughly 14 mph, when it struck the pier."
    knots, mph = claim(text, "knots"), claim(text, "mph")
    assert slots_of(mph).measure.value == slots_of(knots).measure.value == "ships"
    assert "part" not in slots_of(mph).scope.value


def test_a_unit_name_is_no_ones_name() -> None:
    c = claim("The river was about 41 degrees Fahrenheit (5 degrees Celsius) at noon.",
              "Fahrenheit", title="Barge sinks in the Danube near Budapest")
    assert slots_of(c).subject.value != "Celsius"


def test_a_list_of_counts_is_not_one_figure_restated() -> None:
    text = "The army said about 90 drones, 25 cruise missiles and 12 ballistic missiles were fired."
    # each item its own thing, the list's verb shared ("were fired": launched)
    assert slots_of(claim(text, "25")).measure.value == "missiles launched"
    assert slots_of(claim(text, "90")).measure.value == "drones"


def test_carried_out_is_done_not_carried() -> None:
    text = "Pathologists have so far carried out 140 autopsies, the institute said."
    assert slots_of(claim(text, "140")).measure.value == "autopsy"
    text = "Russia carried 140 drones to the front, the agency said."
    assert slots_of(claim(text, "140")).measure.value == "drones supplied"


def test_a_thing_the_article_names_lends_its_name_to_its_lengths() -> None:
    text = ("Their tanker, the Sea Lark, left port at dawn. It is a 600-foot tanker. "
            "Divers found the 183-metre vessel on its side.")
    found = {c.quantity.surface: slots_of(c) for c in claims_of(text)}
    for surface in ("600-foot", "183-metre"):
        s = found[surface]
        assert (s.measure.value, s.subject.value, s.subject.origin) == \
            ("length", "Sea Lark", "article")
    # the apposition may open a sentence ("The cargo ship Sea Lark ...")
    text = "The cargo ship Sea Lark left port at dawn. Divers found the 183-metre ship."
    s = slots_of(claim(text, "183"))
    assert (s.measure.value, s.subject.value) == ("length", "Sea Lark")


def test_a_vessel_named_by_its_crew_or_cargo_lends_its_name_to_its_lengths() -> None:
    # no apposition says "Sea Lark" is the ship, but only a ship has a crew and a manifest
    text = ("The crew of the Sea Lark sent a mayday call before dawn. "
            "The 183-metre vessel hit the pier and the ship was moving at 8 knots.")
    found = {c.quantity.surface: slots_of(c) for c in claims_of(text)}
    assert (found["183-metre"].measure.value, found["183-metre"].subject.value) == \
        ("length", "Sea Lark")
    assert (found["8 knots"].measure.value, found["8 knots"].subject.value) == \
        ("speed", "Sea Lark")
    from crosscheck.claims.parties import named_things
    assert named_things("Inspectors read the cargo manifest of the Sea Lark, which sank.")[
        "ships"][0] == "Sea Lark"
    assert named_things("The Sea Lark, chartered by a Danish firm, sank.")["ships"][0] == \
        "Sea Lark"
    # a crew of a unit or a team is no ship
    assert named_things("The crew of the National Guard unit flew in.") == {}


def test_an_origin_adjective_is_no_name_of_a_thing() -> None:
    from crosscheck.claims.parties import named_things
    assert named_things("The Panama-flagged tanker ran aground.") == {}
    assert named_things("The tanker, the Panama-flagged Sea Lark, ran aground.")["ships"][0] == \
        "Sea Lark"


def test_wounding_after_killing_is_the_injured() -> None:
    text = "A day earlier the blasts spread across the region, killing 12 and wounding 2,800."
    assert slots_of(claim(text, "2,800")).measure.value == "injured"


# --- the event a count belongs to ---------------------------------------------------------
def event_of(text: str, figure: str) -> tuple[str, str]:
    s = slots_of(claim(text, figure))
    return s.event.value, s.event.origin


@pytest.mark.parametrize("text,figure,day", [
    ("Gas cylinders exploded across the city on Monday, killing 14 people, the ministry said "
     "on Tuesday.", "14", "2024-03-04"),
    ("Nine people died in Sunday's blast at the depot, officials said.", "Nine", "2024-03-03"),
    ("On Monday the boilers went off in the basement, and 30 workers were hurt.", "30",
     "2024-03-04"),
    ("At least 40 people were killed by the explosion on March 1, the minister told reporters "
     "on March 2.", "40", "2024-03-01"),
])
def test_the_day_an_event_happened_is_the_counts_event(text: str, figure: str, day: str
                                                        ) -> None:
    assert event_of(text, figure) == (day, "sentence")


@pytest.mark.parametrize("text,figure", [
    ("The toll rose to 20 on Tuesday, the ministry said.", "20"),  # a count's day
    ("The blast's death toll stood at 68 as of 9 p.m. on Tuesday.", "68"),
    ("The injured were flown to the capital on Tuesday; 35 were in hospital.", "35"),
    ("The ministry said on Tuesday that 12 people had been killed.", "12"),  # a report's day
])
def test_a_reports_or_a_counts_day_is_no_event_day(text: str, figure: str) -> None:
    assert event_of(text, figure) == ("", "unread")


def test_a_relative_day_counts_from_the_event_told_before() -> None:
    text = ("Rockets struck the port on Tuesday, killing 6 dockers. A day earlier a bomb in the "
            "market killed 9 people. It came a day after a car exploded at the gate, killing "
            "2 guards.")
    assert event_of(text, "6") == ("2024-03-05", "sentence")
    assert event_of(text, "9") == ("2024-03-04", "sentence")
    assert event_of(text, "2 guards") == ("2024-03-03", "sentence")


def test_the_article_lends_its_only_recent_event_but_not_a_background_one() -> None:
    lent = ("The depot blew up on Monday evening. Rescuers said 51 people were still missing.")
    assert event_of(lent, "51") == ("2024-03-04", "article")
    background = ("The offensive began on January 19. Rescuers said 51 people were still "
                  "missing.")
    assert event_of(background, "51") == ("", "unread")


def test_an_article_of_several_events_reads_which_one_or_says_it_cannot() -> None:
    text = ("Pagers exploded on Monday and radios blew up on Tuesday. In the first wave 12 "
            "were killed. The latest blasts wounded 450 people. The toll stands at 37 dead.")
    assert event_of(text, "12") == ("2024-03-04", "sentence")
    assert event_of(text, "450") == ("2024-03-05", "sentence")
    assert event_of(text, "37")[0] == "several"


def test_only_counts_of_an_event_get_an_event() -> None:
    text = "The depot blew up on Monday. It held 4,000 tonnes of fuel."
    assert event_of(text, "4,000") == ("", "unread")


@pytest.mark.parametrize("text,figure,as_of", [
    # the event's day and the report's: the count is the report's
    ("At least 40 people were killed by the explosion on March 1, the minister told a news "
     "conference on March 2.", "40", "2024-03-02"),
    ("Gas cylinders exploded across the city on March 1, killing 14 people; the toll was "
     "confirmed by the ministry on March 3.", "14", "2024-03-03"),
    ("More than 50 people died in Friday's blast, according to press reports on March 2.",
     "50", "2024-03-02"),  # a possessive names the event's day too
    # a day before the event is background, and dates no count
    ("9 soldiers were killed on March 3, two days after the truce of March 1.", "9",
     "2024-03-03"),
])
def test_a_count_is_of_the_report_not_of_the_event_it_counts(text: str, figure: str,
                                                              as_of: str) -> None:
    assert str(claim(text, figure).as_of) == as_of


@pytest.mark.parametrize("text,figure,words", [
    ("Pagers exploded on Monday and radios on Tuesday, and both sets of explosions killed 37 "
     "people.", "37", "both sets"),
    ("The minister said 25 were killed on Tuesday, replacing a toll of 32 dead over both days.",
     "32", "both days"),
    ("The two quakes killed more than 50,000 people, officials said.", "50,000", "The two quakes"),
])
def test_a_sum_over_several_events_is_no_one_events_count(text: str, figure: str, words: str
                                                          ) -> None:
    event = slots_of(claim(text, figure)).event
    assert (event.value, event.words) == ("combined", words)


def test_a_figure_joined_to_a_part_is_another_part() -> None:
    text = ("In all 380 trucks have crossed so far, 190 of them bound for the north and 150 "
            "southbound.")
    assert "part" in slots_of(claim(text, "150")).scope.value.split("+")
    assert "part" not in slots_of(claim(text, "380")).scope.value.split("+")


def test_a_dateline_is_where_the_story_was_filed_not_its_subject() -> None:
    text = ("MOSCOW: A fire at a fuel depot near Yerevan has killed more people than first "
            "thought. Officials said 40 people died.")
    c = claim(text, "40", title="Fuel depot blaze")
    assert c.slots is not None and c.slots.subject.value == "Armenia"
