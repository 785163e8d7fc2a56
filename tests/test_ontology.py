from hadath.corpus.ontology import load_ontology


def test_ace_inventory_sizes():
    onto = load_ontology()
    assert len(onto.entity_types) == 7
    assert sum(len(onto.entity_subtypes(t)) for t in onto.entity_types) == 45
    assert len(onto.event_types) == 33
    assert len(onto.view_roles("ace22")) == 22
    assert len(onto.time_roles) == 8


def test_place_and_time_roles():
    onto = load_ontology()
    no_place = {t for t in onto.event_types if "Place" not in onto.roles(t)}
    assert no_place == {"Movement:Transport", "Contact:Phone-Write", "Justice:Extradite"}
    assert all(set(onto.time_roles) <= set(onto.roles(t)) for t in onto.event_types)
    assert onto.roles("Justice:Sentence")["Sentence"] == ["Sentence"]
    assert onto.roles("Transaction:Transfer-Money")["Money"] == ["Numeric:Money"]
