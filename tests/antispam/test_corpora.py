"""The corpus reader understands each shared corpus format."""

from pathlib import Path

import pytest

from parley.antispam.ml.corpora import UnknownFormat, read_file, read_folder

FORMATS = {
    "youtube/Youtube01-Psy.csv": (
        "COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\n"
        "a,Ann,2013-11-07T06:20:48,check out my channel\ufeff,1\n"
        "b,Bob,2013-11-07T06:21:48,love this song,0\n"
    ),
    "casagrande/Psy_x.csv": (
        '"COMMENT_ID","CONTENT","TAG"\n"a","subscribe plz","1"\n"b","nice","0"\n'
    ),
    "datacamp/c.csv": (
        "comment,label,articleName,comment_author,comment_date,upvotes\r\n"
        '"great tutorial,\r\nthanks",0,Lists,Ann,27/04/2018 03:04 PM,1\r\n'
        "buy followers,1,Lists,Bob,27/04/2018 03:05 PM,0\r\n"
    ),
    "wordpress/spam_data.csv": (
        "Comment Number,Author,Website,Email,IP Address,Submit Time,Submit Year,"
        "Submit Month,Submit Day,Comment,Post\n"
        "1, cheap beds,http://beds.example,a@b.example,192.0.2.1,5:46 pm,2017,05,16,nice post,P\n"
        "2, cheap bags,http://bags.example,c@d.example,192.0.2.2,5:47 pm,2017,05,16,great info,P\n"
    ),
    "instagram/comments.csv": "number,scam,msg_length,msg\n0,1,9,dm me now\n1,0,4,yup!\n",
    "hotel/deceptive-opinion.csv": (
        "deceptive,hotel,polarity,source,text\n"
        "truthful,conrad,positive,TripAdvisor,Quiet room.\n"
        "deceptive,hilton,positive,MTurk,Best hotel ever!\n"
    ),
    "sms/SMSSpamCollection": "ham\tOk lar...\nspam\tFree entry in 2 a wkly comp\n",
}


@pytest.fixture
def corpora(tmp_path) -> Path:
    for name, content in FORMATS.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
    return tmp_path


def test_every_format_yields_its_labels(corpora):
    found = {}
    for example in read_folder(corpora):
        found.setdefault(example.source, []).append(example.label)
    assert found == {
        "casagrande/Psy_x": [1, 0],
        "datacamp/c": [0, 1],
        "hotel/deceptive-opinion": [0, 1],
        "instagram/comments": [1, 0],
        "sms/SMSSpamCollection": [0, 1],
        "wordpress/spam_data": [1, 1],
        "youtube/Youtube01-Psy": [1, 0],
    }


def test_author_fields_and_multiline_text_are_kept(corpora):
    datacamp = list(read_file(corpora / "datacamp/c.csv"))
    assert datacamp[0].text == "great tutorial,\r\nthanks"
    assert datacamp[0].author == "Ann"
    wordpress = list(read_file(corpora / "wordpress/spam_data.csv"))
    assert wordpress[0].author == "cheap beds"
    assert wordpress[0].url == "http://beds.example"


def test_a_csv_without_text_and_label_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(UnknownFormat):
        list(read_file(path))
    assert read_folder(tmp_path) == []  # a folder scan skips it instead of failing
