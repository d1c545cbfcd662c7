def test_it_lists_every_agency_with_how_many_actions_it_leads(client, report):
    response = client.get("/agencies/")
    assert response.status_code == 200
    counts = {
        row.record.short_name: row.record.action_count for row in response.context["table"].rows
    }
    assert len(counts) == 20
    assert counts["Herts Police"] == 22
    assert counts["HFRS"] == 8  # including the row that writes it "Herts Fire & Rescue"
    # DBC leads 11 rows itself; its teams (CCTV, APGs, CSP Coordinator) lead 3 more
    assert counts["DBC"] == 14
    assert counts["DBC CCTV"] == 1


def test_it_shows_aliases_full_names_and_parents(client, report):
    html = client.get("/agencies/").content.decode()
    assert "Herts Fire &amp; Rescue" in html
    assert "Hertfordshire Fire and Rescue Service" in html
    assert 'href="/agencies/dbc/">DBC</a>' in html


def test_it_searches_names_and_aliases(client, report):
    def found(q):
        table = client.get("/agencies/", {"q": q}).context["table"]
        return [row.record.short_name for row in table.rows]

    assert found("fire & rescue") == ["HFRS"]
    assert found("connexions") == ["HCC Youth Connexions"]
    assert found("Dacorum") == ["CSP", "DBC"]
