//! The roster CSV of the tests and benchmarks of the crates above this one: the header of the
//! roster contract and the members the tests speak of, a line each. Behind the `testing`
//! feature; never in a build that ships.

/// The header line of a roster file.
pub const HEADER: &str =
    "member_id,last_name,first_name,rank,shield_number,tax_registry_number,command_code,squad,status,photo_sha256";

/// Det. Ana Rivera of the 34th Precinct, the member of the known-answer credential.
pub const RIVERA: &str = "M0012345,Rivera,Ana,Detective Second Grade,4471,948213,34,Detective Squad,active,";
/// PO Wei Chen of Manhattan North Narcotics.
pub const CHEN: &str = "M0098765,Chen,Wei,Police Officer,20711,951002,NBMN,Narcotics,active,";
/// PO Wei Chen with Rivera's shield number, which is his too in the police officers' series.
pub const CHEN_SHARING_4471: &str = "M0098765,Chen,Wei,Police Officer,4471,951002,NBMN,Narcotics,active,";
/// Lt. James Okafor of Transit District 4: a lieutenant has no shield number.
pub const OKAFOR: &str = "M0011111,Okafor,James,Lieutenant,,912345,TD4,,active,";
/// Sgt. Michael O'Brien of the 75th Precinct, suspended.
pub const O_BRIEN: &str = "M0022222,O'Brien,Michael,Sergeant,1234,900001,75,,suspended,";
/// Det. María José García-López of Midtown North.
pub const GARCIA_LOPEZ: &str = "M0033333,García-López,María José,Detective Third Grade,5150,900002,18,,active,";

/// A roster file: the header, then `lines`, each ended by a newline.
pub fn roster(lines: &[&str]) -> String {
    let mut file = format!("{HEADER}\n");
    for line in lines {
        file.push_str(line);
        file.push('\n');
    }
    file
}

/// The city in small: every kind of answer a claim check gives has a member here (Chen
/// sharing Rivera's shield number in another rank's series).
pub fn city() -> String {
    roster(&[RIVERA, CHEN_SHARING_4471, OKAFOR, O_BRIEN, GARCIA_LOPEZ])
}
